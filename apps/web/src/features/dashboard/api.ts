import type {
  LatencyPoint,
  MonitoringRangeQuery,
  MonitoringSeries,
  MonitoringSeriesQuery,
  MonitoringSummary,
  MonitoringTop,
  MonitoringTopQuery,
  TokensPoint,
  TrafficPoint,
} from '@aigw/shared/admin/monitoring';
import { api } from '../../lib/api-client';

const base = '/api/v1/monitoring';

/** The top query as sent (the schema coerces `limit` from text, so its input type is unknown). */
export type TopQuery = Omit<MonitoringTopQuery, 'limit'> & { limit?: number };

export const monitoringApi = {
  summary: (query: MonitoringRangeQuery, signal?: AbortSignal) => api.get<MonitoringSummary>(`${base}/summary`, { query, signal }),
  traffic: (query: MonitoringSeriesQuery, signal?: AbortSignal) => api.get<MonitoringSeries<TrafficPoint>>(`${base}/traffic`, { query, signal }),
  latency: (query: MonitoringSeriesQuery, signal?: AbortSignal) => api.get<MonitoringSeries<LatencyPoint>>(`${base}/latency`, { query, signal }),
  tokens: (query: MonitoringSeriesQuery, signal?: AbortSignal) => api.get<MonitoringSeries<TokensPoint>>(`${base}/tokens`, { query, signal }),
  top: (query: TopQuery, signal?: AbortSignal) => api.get<MonitoringTop>(`${base}/top`, { query, signal }),
};

import type { MonitoringTopBy } from '@aigw/shared/admin/monitoring';
import { queryOptions } from '@tanstack/react-query';
import type { ResolvedRange } from '../../lib/time-range';
import { monitoringApi } from './api';

export const monitoringKeys = {
  all: ['monitoring'] as const,
  summary: (range: ResolvedRange) => [...monitoringKeys.all, 'summary', range] as const,
  series: (kind: 'traffic' | 'latency' | 'tokens', range: ResolvedRange) => [...monitoringKeys.all, kind, range] as const,
  top: (by: MonitoringTopBy, range: ResolvedRange) => [...monitoringKeys.all, 'top', by, range] as const,
};

export const summaryOptions = (range: ResolvedRange) =>
  queryOptions({ queryKey: monitoringKeys.summary(range), queryFn: ({ signal }) => monitoringApi.summary(range, signal) });

export const trafficOptions = (range: ResolvedRange) =>
  queryOptions({ queryKey: monitoringKeys.series('traffic', range), queryFn: ({ signal }) => monitoringApi.traffic(range, signal) });

export const latencyOptions = (range: ResolvedRange) =>
  queryOptions({ queryKey: monitoringKeys.series('latency', range), queryFn: ({ signal }) => monitoringApi.latency(range, signal) });

export const tokensOptions = (range: ResolvedRange) =>
  queryOptions({ queryKey: monitoringKeys.series('tokens', range), queryFn: ({ signal }) => monitoringApi.tokens(range, signal) });

export const TOP_LIMIT = 8;

export const topOptions = (by: MonitoringTopBy, range: ResolvedRange) =>
  queryOptions({ queryKey: monitoringKeys.top(by, range), queryFn: ({ signal }) => monitoringApi.top({ ...range, by, limit: TOP_LIMIT }, signal) });

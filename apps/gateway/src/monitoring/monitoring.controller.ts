import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  monitoringRangeQuerySchema,
  monitoringSeriesQuerySchema,
  monitoringTopQuerySchema,
  type LatencyPoint,
  type MonitoringRangeQueryParsed,
  type MonitoringSeries,
  type MonitoringSeriesQueryParsed,
  type MonitoringSummary,
  type MonitoringTop,
  type MonitoringTopQueryParsed,
  type TokensPoint,
  type TrafficPoint,
} from '@aigw/shared/admin/monitoring';
import { AdminApi } from '../auth/admin-api.decorator.js';
import { MonitoringService } from './monitoring.service.js';

/** Seed 001's monitoring API: the dashboard's summaries over a time range (admin JWT, viewers too). */
@ApiTags('monitoring')
@AdminApi()
@Controller('api/v1/monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** Requests and errors per bucket. */
  @Get('traffic')
  traffic(@Query({ schema: monitoringSeriesQuerySchema }) query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<TrafficPoint>> {
    return this.monitoring.traffic(query);
  }

  /** Latency and time-to-first-token percentiles (p50, p90, p99) per bucket. */
  @Get('latency')
  latency(@Query({ schema: monitoringSeriesQuerySchema }) query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<LatencyPoint>> {
    return this.monitoring.latency(query);
  }

  /** Input and output tokens per bucket. */
  @Get('tokens')
  tokens(@Query({ schema: monitoringSeriesQuerySchema }) query: MonitoringSeriesQueryParsed): Promise<MonitoringSeries<TokensPoint>> {
    return this.monitoring.tokens(query);
  }

  /** The busiest keys, models, sources or namespaces. */
  @Get('top')
  top(@Query({ schema: monitoringTopQuerySchema }) query: MonitoringTopQueryParsed): Promise<MonitoringTop> {
    return this.monitoring.top(query);
  }

  /** Totals, error rate and percentiles of the range. */
  @Get('summary')
  summary(@Query({ schema: monitoringRangeQuerySchema }) query: MonitoringRangeQueryParsed): Promise<MonitoringSummary> {
    return this.monitoring.summary(query);
  }
}

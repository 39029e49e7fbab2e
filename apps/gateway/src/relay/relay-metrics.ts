import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { InstanceHealthState } from '@aigw/shared/admin/sources';
import { InstanceHealthRegistry } from '../health/instance-health.registry.js';
import { FastHistogram, type HistogramSeries } from '../metrics/fast-histogram.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { Operation } from '../providers/adapter.js';
import type { UpstreamInstance } from '../snapshot/routing-snapshot.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';

/** OpenTelemetry GenAI operation names; ours where the convention has none. */
const OPERATION_NAME: Record<Operation | 'path', string> = {
  chat: 'chat',
  completions: 'text_completion',
  embeddings: 'embeddings',
  rerank: 'rerank',
  images_generations: 'image_generation',
  images_edits: 'image_edit',
  audio_speech: 'text_to_speech',
  audio_transcriptions: 'transcription',
  path: 'path_route',
};

/** `gen_ai_provider_name` values of the convention; other providers are named as themselves (vllm, ollama, ...). */
const PROVIDER_NAME: Partial<Record<UpstreamInstance['provider'], string>> = {
  'azure-openai': 'azure.ai.openai',
  gemini: 'gcp.gemini',
  mistral: 'mistral_ai',
  groq: 'groq',
};

const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const TPOT_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
/** Model names come from clients (glob routes admit any): past this many, new ones count as "other". */
const MAX_MODEL_LABELS = 200;
const HEALTH_STATES: readonly InstanceHealthState[] = ['unknown', 'healthy', 'unhealthy', 'ejected', 'disabled'];

/** One finished data-plane request, as the metrics need it. */
export interface RelayObservation {
  operation: Operation | 'path';
  instance: UpstreamInstance | null;
  requestModel: string | null;
  responseModel: string | null;
  /** An error's code (`rate_limit_exceeded`, `upstream_timeout`, ...), or null. */
  errorType: string | null;
  seconds: number;
  ttftSeconds: number | null;
  /** Duration of the upstream attempt that answered (or failed last). */
  upstreamSeconds: number | null;
  inputTokens: number;
  outputTokens: number;
  streamed: boolean;
}

export type AttemptOutcome = 'ok' | 'http_4xx' | 'http_5xx' | 'failed' | 'client_closed';

interface Series {
  duration: (errorType: string) => HistogramSeries;
  server: (errorType: string) => HistogramSeries;
  input: HistogramSeries;
  output: HistogramSeries;
  ttft: HistogramSeries;
  tpot: HistogramSeries;
}

/**
 * The data plane's metrics: the OpenTelemetry GenAI histograms (API-CONTRACT.md), requests in
 * flight, each upstream attempt by instance, and instance health. Labels are bounded: instances
 * and sources are configured by admins, model names are capped.
 */
@Injectable()
export class RelayMetrics {
  private readonly tokenUsage: FastHistogram;
  private readonly operationDuration: FastHistogram;
  private readonly timeToFirstToken: FastHistogram;
  private readonly timePerOutputToken: FastHistogram;
  private readonly serverDuration: FastHistogram;
  private readonly upstreamAttempts: Counter;
  private readonly upstreamDuration: FastHistogram;
  private readonly inFlight: Gauge;
  private readonly models = new Set<string>();
  private readonly series = new Map<string, Series>();
  private readonly attempts = new Map<string, (seconds: number) => void>();

  constructor(metrics: MetricsService, snapshots: SnapshotService, health: InstanceHealthRegistry) {
    const registers = [metrics.registry];
    const genAi = ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model', 'gen_ai_response_model'] as const;
    this.tokenUsage = new FastHistogram('gen_ai_client_token_usage', 'Tokens used per request, by gen_ai_token_type (input, output)', [...genAi, 'gen_ai_token_type'], TOKEN_BUCKETS, metrics.registry);
    this.operationDuration = new FastHistogram('gen_ai_client_operation_duration_seconds', 'Whole request duration as the gateway served it', [...genAi, 'error_type'], DURATION_BUCKETS, metrics.registry);
    this.timeToFirstToken = new FastHistogram('gen_ai_server_time_to_first_token_seconds', 'Time until the upstream sent its first byte', genAi, TTFT_BUCKETS, metrics.registry);
    this.timePerOutputToken = new FastHistogram('gen_ai_server_time_per_output_token_seconds', 'Streamed requests: time per output token after the first', genAi, TPOT_BUCKETS, metrics.registry);
    this.serverDuration = new FastHistogram('gen_ai_server_request_duration_seconds', 'Duration of the upstream attempt that answered', [...genAi, 'error_type'], DURATION_BUCKETS, metrics.registry);
    this.upstreamAttempts = new Counter({ name: 'aigw_upstream_attempts_total', help: 'Upstream attempts by source, instance and outcome (ok, http_4xx, http_5xx, failed, client_closed)', labelNames: ['source', 'instance', 'outcome'], registers });
    this.upstreamDuration = new FastHistogram('aigw_upstream_attempt_duration_seconds', 'Upstream attempt duration by source and instance', ['source', 'instance'], DURATION_BUCKETS, metrics.registry);
    this.inFlight = new Gauge({ name: 'aigw_requests_in_flight', help: 'Data-plane requests being served', registers });
    const healthState: Gauge = new Gauge({
      name: 'aigw_instance_health_state',
      help: 'Upstream instance health: 1 for its current state',
      labelNames: ['source', 'instance', 'state'],
      registers,
      collect: () => {
        healthState.reset();
        for (const u of snapshots.current.upstreams()) {
          const current = health.view(u.id).state;
          for (const state of HEALTH_STATES) healthState.labels(u.sourceName, u.id, state).set(state === current ? 1 : 0);
        }
      },
    });
  }

  started(): void {
    this.inFlight.inc();
  }

  finished(o: RelayObservation): void {
    this.inFlight.dec();
    const provider = o.instance ? (PROVIDER_NAME[o.instance.provider] ?? o.instance.provider) : 'none';
    const series = this.seriesFor(OPERATION_NAME[o.operation], provider, this.model(o.requestModel), this.model(o.responseModel));
    const errorType = o.errorType ?? '';
    series.duration(errorType).observe(o.seconds);
    if (!o.instance) return;
    if (o.upstreamSeconds !== null) series.server(errorType).observe(o.upstreamSeconds);
    if (o.inputTokens > 0) series.input.observe(o.inputTokens);
    if (o.outputTokens > 0) series.output.observe(o.outputTokens);
    if (o.ttftSeconds !== null) {
      series.ttft.observe(o.ttftSeconds);
      if (o.streamed && o.outputTokens > 1) series.tpot.observe((o.seconds - o.ttftSeconds) / (o.outputTokens - 1));
    }
  }

  /** One upstream attempt (a request that fails over makes several). */
  attempt(instance: UpstreamInstance, outcome: AttemptOutcome, seconds: number): void {
    const id = `${instance.id} ${outcome}`;
    let observe = this.attempts.get(id);
    if (!observe) {
      const count = this.upstreamAttempts.labels(instance.sourceName, instance.id, outcome);
      const time = this.upstreamDuration.labels(instance.sourceName, instance.id);
      observe = (s) => {
        count.inc();
        time.observe(s);
      };
      this.attempts.set(id, observe);
    }
    observe(seconds);
  }

  /** Label children per label set, made once: prom-client would hash the labels on every call. */
  private seriesFor(operation: string, provider: string, requestModel: string, responseModel: string): Series {
    const id = `${operation}\0${provider}\0${requestModel}\0${responseModel}`;
    let series = this.series.get(id);
    if (!series) {
      const genAi = [operation, provider, requestModel, responseModel];
      const byError = (h: FastHistogram) => {
        const children = new Map<string, HistogramSeries>();
        return (error: string) => {
          let child = children.get(error);
          if (!child) children.set(error, (child = h.labels(...genAi, error)));
          return child;
        };
      };
      series = {
        duration: byError(this.operationDuration),
        server: byError(this.serverDuration),
        input: this.tokenUsage.labels(...genAi, 'input'),
        output: this.tokenUsage.labels(...genAi, 'output'),
        ttft: this.timeToFirstToken.labels(...genAi),
        tpot: this.timePerOutputToken.labels(...genAi),
      };
      this.series.set(id, series);
    }
    return series;
  }

  private model(name: string | null): string {
    if (!name) return '';
    if (this.models.has(name)) return name;
    if (this.models.size >= MAX_MODEL_LABELS) return 'other';
    this.models.add(name);
    return name;
  }
}

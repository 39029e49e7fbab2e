import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { localModelStateSchema, type LocalModelState } from '@aigw/shared/admin/local-models';

/** Prometheus metrics of this process. Labels are bounded: route patterns, model ids, states; never raw URLs. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private modelStates: () => LocalModelState[] = () => [];
  private readonly requests = new Counter({
    name: 'aigw_model_host_http_requests_total',
    help: 'HTTP requests to the model host by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly restarts = new Counter({
    name: 'aigw_model_host_model_restarts_total',
    help: 'Restarts of model processes after a crash, by model',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });
  private readonly downloaded = new Counter({
    name: 'aigw_model_host_download_bytes_total',
    help: 'Bytes received by model downloads, by model',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });
  private readonly orphans = new Counter({
    name: 'aigw_model_host_orphans_reclaimed_total',
    help: 'Model process groups left by an earlier host (killed without stopping them) found and stopped at start',
    registers: [this.registry],
  });
  private readonly proxied = new Counter({
    name: 'aigw_model_host_proxy_requests_total',
    help: 'Requests proxied to model processes, by model and status (499: the client went away)',
    labelNames: ['model', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const states = this.modelStatesOf.bind(this);
    new Gauge({
      name: 'aigw_model_host_models',
      help: 'Models on this host by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const counts = new Map<string, number>(localModelStateSchema.options.map((s) => [s, 0]));
        for (const s of states()) counts.set(s, (counts.get(s) ?? 0) + 1);
        for (const [state, n] of counts) this.set({ state }, n);
      },
    });
  }

  private modelStatesOf(): LocalModelState[] {
    return this.modelStates();
  }

  /** Where the models-by-state gauge reads from (set by the local-models service). */
  reportModelStates(source: () => LocalModelState[]): void {
    this.modelStates = source;
  }

  observeRequest(route: string, method: string, status: number): void {
    this.requests.inc({ route, method, status: String(status) });
  }

  modelRestarted(model: string): void {
    this.restarts.inc({ model });
  }

  downloadBytes(model: string, bytes: number): void {
    this.downloaded.inc({ model }, bytes);
  }

  orphanReclaimed(): void {
    this.orphans.inc();
  }

  proxiedRequest(model: string, status: number): void {
    this.proxied.inc({ model, status: String(status) });
  }
}

import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { FastHistogram } from './fast-histogram.js';

type Observe = (seconds: number) => void;

/** Prometheus metrics of this process. Labels are bounded: route patterns, never raw URLs or users. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'aigw_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new FastHistogram(
    'aigw_http_request_duration_seconds',
    'HTTP request duration by route pattern, method and status',
    ['route', 'method', 'status'],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    this.registry,
  );
  /** Usage writer: records waiting for the database, read when scraped. */
  private usageQueueDepth: () => number = () => 0;
  private readonly usageQueue: Gauge = new Gauge({
    name: 'aigw_usage_queue_depth',
    help: 'Usage records waiting to be written to the database',
    registers: [this.registry],
    collect: (): void => this.usageQueue.set(this.usageQueueDepth()),
  });
  private readonly usageDropped = new Counter({
    name: 'aigw_usage_dropped_total',
    help: 'Usage records lost: queue full (database away too long), refused by the database, or unwritten at shutdown',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly usageWriteFailures = new Counter({
    name: 'aigw_usage_write_failures_total',
    help: 'Failed batch writes of usage records (each retried)',
    registers: [this.registry],
  });
  private readonly limiterRejections = new Counter({
    name: 'aigw_limiter_rejections_total',
    help: 'Requests refused by a rate limit or quota, by counter (rps, rpm, concurrent, itpm, otpm, tpd, tpmo)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly limiterAdmissions = new Counter({
    name: 'aigw_limiter_admissions_total',
    help: 'Requests admitted under rate limits, by where the decision was made: store (one atomic check in the shared store) or lease (this replica\'s leased share, far from every limit)',
    labelNames: ['path'] as const,
    registers: [this.registry],
  });
  /** Bound once: the data plane counts an admission without hashing labels. */
  private readonly admittedBy = { store: this.limiterAdmissions.labels('store'), lease: this.limiterAdmissions.labels('lease') };
  private readonly limiterStoreFailures = new Counter({
    name: 'aigw_limiter_store_failures_total',
    help: 'Requests whose limits could not be checked (store unreachable), by what was done: closed (refused) or open (let through)',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  /** Stored certificates, read when scraped. */
  private certificates: () => ReadonlyArray<{ id: string; name: string; notAfter: Date }> = () => [];
  private readonly certificateExpiry: Gauge<'id' | 'name'> = new Gauge({
    name: 'aigw_certificate_expiry_days',
    help: 'Days until each stored TLS certificate expires (negative once expired), by certificate id and name',
    labelNames: ['id', 'name'] as const,
    registers: [this.registry],
    collect: (): void => {
      this.certificateExpiry.reset();
      const now = Date.now();
      for (const c of this.certificates()) this.certificateExpiry.labels(c.id, c.name).set(Math.round(((c.notAfter.getTime() - now) / 86_400_000) * 100) / 100);
    },
  });
  /** Label sets seen so far -> their series: prom-client would otherwise hash the labels on every call. */
  private readonly series = new Map<string, Observe>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const reason of ['queue_full', 'rejected', 'shutdown'] as const) this.usageDropped.labels(reason).inc(0);
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    const id = `${route} ${method} ${status}`;
    let observe = this.series.get(id);
    if (!observe) {
      const count = this.requests.labels(route, method, String(status));
      const time = this.duration.labels(route, method, String(status));
      observe = (s) => {
        count.inc();
        time.observe(s);
      };
      this.series.set(id, observe);
    }
    observe(seconds);
  }

  /** The usage writer's queue, sampled at scrape time. */
  trackUsageQueue(depth: () => number): void {
    this.usageQueueDepth = depth;
  }

  /** queue_full: the database was away too long; rejected: it refused the row; shutdown: still unwritten at exit. */
  countUsageDropped(reason: 'queue_full' | 'rejected' | 'shutdown', n = 1): void {
    this.usageDropped.labels(reason).inc(n);
  }

  countUsageWriteFailure(): void {
    this.usageWriteFailures.inc();
  }

  /** The stored certificates, sampled at scrape time (one series each: bounded by what admins store). */
  trackCertificates(list: () => ReadonlyArray<{ id: string; name: string; notAfter: Date }>): void {
    this.certificates = list;
  }

  limiterRejected(reason: string): void {
    this.limiterRejections.labels(reason).inc();
  }

  limiterAdmitted(path: 'store' | 'lease'): void {
    this.admittedBy[path].inc();
  }

  limiterStoreFailure(mode: 'closed' | 'open'): void {
    this.limiterStoreFailures.labels(mode).inc();
  }
}

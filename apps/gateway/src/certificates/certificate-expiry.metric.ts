import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';

/** Feeds `aigw_certificate_expiry_days` from the snapshot: no database query at scrape time. */
@Injectable()
export class CertificateExpiryMetric implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly snapshots: SnapshotService,
  ) {}

  onModuleInit(): void {
    this.metrics.trackCertificates(() => this.snapshots.current.edge.certificates);
  }
}

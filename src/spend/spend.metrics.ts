import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../observability/metrics/metrics.service';

/** Spend and pricing metrics, on the gateway's registry. */
@Injectable()
export class SpendMetrics {
  readonly unpriced: Counter<'model'>;
  readonly written: Counter;
  readonly dropped: Counter;
  readonly flushFailures: Counter;
  readonly buffered: Gauge;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.unpriced = new Counter({ name: 'gateway_unpriced_calls_total', help: 'Calls with usage but no known price (recorded with cost null)', labelNames: ['model'], registers });
    this.written = new Counter({ name: 'gateway_spend_rows_written_total', help: 'Spend rows written to the database', registers });
    this.dropped = new Counter({ name: 'gateway_spend_rows_dropped_total', help: 'Spend rows dropped because the buffer was full while the database was down', registers });
    this.flushFailures = new Counter({ name: 'gateway_spend_flush_failures_total', help: 'Spend batches the database refused or did not answer (kept and retried)', registers });
    this.buffered = new Gauge({ name: 'gateway_spend_rows_buffered', help: 'Spend rows waiting to be written', registers });
  }
}

import { Injectable } from '@nestjs/common';
import type { CallRecord } from '../common/context/call-record';
import { toSpendRow } from './spend-row.mapper';
import { SpendMetrics } from './spend.metrics';
import { SpendWriterService } from './spend-writer.service';

/** Turns a finished virtual-key call into its spend row and hands it to the writer (no I/O here). */
@Injectable()
export class SpendRecorder {
  constructor(
    private readonly writer: SpendWriterService,
    private readonly metrics: SpendMetrics,
  ) {}

  record(call: CallRecord): void {
    const row = toSpendRow(call, Date.now());
    if (!row) return;
    if (row.cost === null) this.metrics.unpriced.inc({ model: call.model ?? 'none' });
    this.writer.record(row);
  }
}

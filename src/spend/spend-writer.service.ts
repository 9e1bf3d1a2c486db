import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayConfigService } from '../config/gateway-config.service';
import { BudgetLedger } from '../limits/budget-ledger';
import { durationMs, nextResetAt } from '../limits/budget-duration';
import type { NewSpendLogRow } from '../storage/database.types';
import { buildSpendBatch } from './spend-batch';
import { SpendRepository } from './spend.repository';
import { SpendMetrics } from './spend.metrics';
import { DatabaseState } from '../storage/database.state';

export const SPEND_FLUSH_INTERVAL_MS = 1_000;
/** A flush starts early once this many rows wait. */
const FLUSH_ROWS = 200;
const BATCH_MAX_ROWS = 2_000;
/** Rows kept while the database is down; beyond it the oldest are dropped (and counted). */
export const SPEND_BUFFER_MAX_ROWS = 100_000;
const RESET_INTERVAL_MS = 5_000;
const RETENTION_INTERVAL_MS = 60 * 60_000;
const SHUTDOWN_FLUSH_MS = 10_000;

/**
 * Writes spend rows in batches, off the request path: a call only appends to
 * a bounded in-memory buffer. Every second (or sooner when rows pile up) one
 * transaction writes the rows, adds their cost to the key and team counters
 * and upserts the daily roll-up; then the counters are read back into the
 * budget ledger, with other replicas' spend. While the database is down rows
 * wait and are retried. Also runs budget resets and the spend-row retention.
 */
@Injectable()
export class SpendWriterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Spend');
  private buffer: NewSpendLogRow[] = [];
  private flushing?: Promise<void>;
  private timers: NodeJS.Timeout[] = [];
  private downSince?: number;

  constructor(
    private readonly repository: SpendRepository,
    private readonly ledger: BudgetLedger,
    private readonly metrics: SpendMetrics,
    private readonly config: GatewayConfigService,
    private readonly database: DatabaseState,
  ) {}

  /**
   * Periodic upkeep (resets, retention) never opens the embedded database:
   * opening it costs seconds and hundreds of MB, and until a key route or a
   * virtual key opens it there is nothing of this process's to reset or trim.
   */
  private get idleEmbedded(): boolean {
    return this.database.embedded && !this.database.opened;
  }

  onApplicationBootstrap(): void {
    if (!this.config.current.masterKey) return; // no virtual keys without a master key: nothing to write
    this.every(SPEND_FLUSH_INTERVAL_MS, () => this.flush());
    this.every(RESET_INTERVAL_MS, () => this.resetBudgets());
    this.every(RETENTION_INTERVAL_MS, () => this.applyRetention());
    void this.applyRetention();
  }

  get pending(): number {
    return this.buffer.length;
  }

  record(row: NewSpendLogRow): void {
    this.buffer.push(row);
    if (this.buffer.length > SPEND_BUFFER_MAX_ROWS) {
      const over = this.buffer.length - SPEND_BUFFER_MAX_ROWS;
      this.buffer.splice(0, over);
      this.metrics.dropped.inc(over);
    }
    this.metrics.buffered.set(this.buffer.length);
    if (this.buffer.length >= FLUSH_ROWS && !this.flushing) void this.flush();
  }

  /** Writes what is buffered (one batch at a time); never throws. */
  flush(): Promise<void> {
    this.flushing ??= this.writeOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Writes what is buffered now, after a flush already under way (which took only the rows before it). */
  async flushNow(): Promise<void> {
    await this.flushing;
    await this.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    const deadline = Date.now() + SHUTDOWN_FLUSH_MS;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.downSince !== undefined) break;
    }
    if (this.buffer.length > 0) this.logger.error(`${this.buffer.length} spend rows could not be written before shutdown`);
  }

  private async writeOnce(): Promise<void> {
    const rows = this.buffer.slice(0, BATCH_MAX_ROWS);
    try {
      if (rows.length > 0) {
        // Due budget periods first: a reset that ran after this batch would wipe the new period's spend with the old.
        await this.resetBudgets();
        const batch = buildSpendBatch(rows);
        await this.repository.write(batch);
        this.buffer.splice(0, rows.length);
        this.metrics.written.inc(rows.length);
        this.metrics.buffered.set(this.buffer.length);
        await this.readBack(batch.keys, batch.teams);
      } else {
        await this.readBack([], []);
      }
      if (this.downSince !== undefined) {
        this.logger.log(`database back after ${Math.round((Date.now() - this.downSince) / 1000)}s: ${rows.length} buffered spend rows written`);
        this.downSince = undefined;
      }
    } catch (err) {
      if (rows.length > 0) this.metrics.flushFailures.inc();
      if (this.downSince === undefined) {
        this.downSince = Date.now();
        this.logger.warn(`spend rows cannot be written (${(err as Error).message}); buffering up to ${SPEND_BUFFER_MAX_ROWS} rows and retrying`);
      }
    }
  }

  /** The counters as the database holds them now: this batch's increments and other replicas' spend. */
  private async readBack(keys: Array<[string, number]>, teams: Array<[string, number]>): Promise<void> {
    const written = new Map<string, number>([...keys.map(([id, s]) => [`key:${id}`, s] as const), ...teams.map(([id, s]) => [`team:${id}`, s] as const)]);
    const known = this.ledger.known(Date.now());
    const ids = [...new Set([...known, ...written.keys()])];
    const keyIds = ids.filter((id) => id.startsWith('key:')).map((id) => id.slice(4));
    const teamIds = ids.filter((id) => id.startsWith('team:')).map((id) => id.slice(5));
    if (keyIds.length === 0 && teamIds.length === 0) return;
    const [keyFigures, teamFigures] = await Promise.all([this.repository.keySpend(keyIds), this.repository.teamSpend(teamIds)]);
    for (const [prefix, figures] of [['key:', keyFigures], ['team:', teamFigures]] as const) {
      for (const f of figures) this.ledger.applyFlush(prefix + f.id, written.get(prefix + f.id) ?? 0, f.spend, f.budgetResetAt);
    }
  }

  /** Starts new budget periods that are due; replicas racing for one row: the first wins, the others match nothing. */
  async resetBudgets(now = new Date()): Promise<void> {
    if (this.idleEmbedded) return;
    try {
      const due = await this.repository.dueResets(now);
      for (const [table, list] of [['gateway_keys', due.keys], ['gateway_teams', due.teams]] as const) {
        for (const s of list) {
          const duration = durationMs(s.budgetDuration);
          if (duration !== undefined) await this.repository.resetBudget(table, s, nextResetAt(s.budgetResetAt, duration, now));
        }
      }
    } catch {
      // the database is down: the next round retries; calls already treat a due reset as done
    }
  }

  private async applyRetention(): Promise<void> {
    const period = durationMs(this.config.current.general.maximum_spend_logs_retention_period);
    if (period === undefined || this.idleEmbedded) return;
    try {
      const deleted = await this.repository.deleteRowsBefore(new Date(Date.now() - period));
      if (deleted > 0) this.logger.log(`retention: ${deleted} spend rows older than ${this.config.current.general.maximum_spend_logs_retention_period} deleted`);
    } catch {
      // retried at the next round
    }
  }

  private every(ms: number, fn: () => Promise<void>): void {
    const timer = setInterval(() => void fn(), ms);
    timer.unref();
    this.timers.push(timer);
  }
}

import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ServiceUnavailableError } from '../../../common/errors';
import type { ResponseRow } from '../../../storage/database.types';
import type { ResponseInputItem, ResponseObject } from '../responses.types';
import type { ResponsesRepository } from './responses.repository';
import type { ResponsesStore, StoredResponse } from './responses.store';

/** Most expired rows one sweep deletes: a sweep never holds the table long. */
const SWEEP_BATCH = 500;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Responses in the gateway's database: every replica on one database sees
 * them. `save` resolves after the insert, so a call arriving right after the
 * answer finds it. A failed save fails soft: the call still answers, the
 * failure is logged and counted (`failedSaves`); a later
 * `previous_response_id` naming it gets the usual 404.
 */
export class DatabaseResponsesStore implements ResponsesStore, OnModuleDestroy {
  private readonly logger = new Logger('ResponsesStore');
  private timer?: NodeJS.Timeout;
  failedSaves = 0;

  constructor(
    private readonly repo: ResponsesRepository,
    private readonly ttlMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  async save(entry: StoredResponse): Promise<void> {
    // Swept from the first save on: a gateway that never stores never opens the database for it.
    this.timer ??= setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
    try {
      await this.repo.upsert({
        id: entry.id,
        owner_key_hash: entry.ownerKeyHash,
        deployment_id: entry.deploymentId ?? null,
        response: JSON.stringify(entry.response),
        input_items: JSON.stringify(entry.inputItems),
        history: JSON.stringify(entry.history),
        created_at: new Date(entry.storedAt),
        expires_at: new Date(entry.storedAt + this.ttlMs()),
      });
    } catch (err) {
      this.failedSaves++;
      this.logger.warn(`response ${entry.id} was not stored (${(err as Error).message}); the call still answers`);
    }
  }

  async get(id: string, ownerKeyHash: string): Promise<StoredResponse | undefined> {
    const row = await unavailableOnError(() => this.repo.find(id, ownerKeyHash, new Date(this.now())));
    return row ? fromRow(row) : undefined;
  }

  delete(id: string, ownerKeyHash: string): Promise<boolean> {
    return unavailableOnError(() => this.repo.delete(id, ownerKeyHash));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One bounded sweep of expired rows (reads already skip them). */
  async sweep(): Promise<number> {
    try {
      return await this.repo.deleteExpired(new Date(this.now()), SWEEP_BATCH);
    } catch (err) {
      this.logger.warn(`sweeping expired responses: ${(err as Error).message}`);
      return 0;
    }
  }
}

/** A read or delete on a database that is away is a 503 the client may retry, never a 500. */
async function unavailableOnError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch {
    throw new ServiceUnavailableError('The responses store is unreachable right now. Retry shortly.', { code: 'responses_store_unavailable' });
  }
}

function fromRow(row: ResponseRow): StoredResponse {
  return {
    id: row.id,
    ownerKeyHash: row.owner_key_hash,
    response: row.response as ResponseObject,
    inputItems: row.input_items as ResponseInputItem[],
    history: row.history as ResponseInputItem[],
    deploymentId: row.deployment_id ?? undefined,
    storedAt: new Date(row.created_at).getTime(),
  };
}

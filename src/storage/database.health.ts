import type { HealthIndicatorResult } from '@nestjs/terminus';
import { sql, type Kysely } from 'kysely';
import type { ReadinessIndicator } from '../health/readiness.indicators';
import type { DatabaseState } from './database.state';
import type { Database } from './database.types';

const PING_TIMEOUT_MS = 1_500;

/**
 * Readiness is 503 while the database does not answer (SPEC 11): the master
 * key and cached keys still work, but unknown keys cannot be checked. An
 * embedded database not opened yet (no key used so far) is up.
 */
export class DatabaseReadinessIndicator implements ReadinessIndicator {
  readonly key = 'database';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly state: DatabaseState,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const { description } = this.state;
    if (this.state.embedded && !this.state.opened) return { database: { status: 'up', database: description, opened: false } };
    try {
      await withTimeout(sql`select 1`.execute(this.db), PING_TIMEOUT_MS);
      return { database: { status: 'up', database: description } };
    } catch (err) {
      return { database: { status: 'down', database: description, message: `the database does not answer: ${(err as Error).message}` } };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import { chunkChange, parseKeyChange, type KeyChange } from './key-invalidation.bus';
import { LocalKeyInvalidationBus } from './local-key-invalidation.bus';

const CHANNEL = 'gateway_key_changes';
const RECONNECT_MS = 1_000;

/**
 * PostgreSQL LISTEN/NOTIFY on `gateway_key_changes` (no Redis configured):
 * one listening connection, re-opened a second after it drops; on
 * reconnecting every cached key is re-read, since notifications sent
 * meanwhile are lost.
 */
export class PostgresKeyInvalidationBus extends LocalKeyInvalidationBus {
  private readonly origin = randomUUID();
  private client?: Client;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private listenedOnce = false;

  constructor(
    private readonly url: string,
    private readonly db: Kysely<any>,
    private readonly logger: Logger,
  ) {
    super();
    void this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 2_000, keepAlive: true });
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    client.on('notification', (n) => {
      const msg = n.channel === CHANNEL && n.payload ? parseKeyChange(n.payload) : undefined;
      if (msg && msg.origin !== this.origin) this.deliver(msg.change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      if (this.listenedOnce) this.deliver({ all: true });
      this.listenedOnce = true;
    } catch {
      this.retry(client);
    }
  }

  private retry(client: Client): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.listen();
    }, RECONNECT_MS);
    this.timer.unref();
  }

  override async publish(change: KeyChange): Promise<void> {
    this.deliver(change);
    for (const part of chunkChange(change)) {
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ origin: this.origin, ...part })})`
        .execute(this.db)
        .catch((err: Error) => this.logger.warn(`key changes: NOTIFY failed (${err.message})`));
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await super.close();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

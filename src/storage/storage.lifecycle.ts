import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { GatewayConfigService } from '../config/gateway-config.service';
import { ReadinessRegistry } from '../health/readiness.registry';
import { DatabaseReadinessIndicator } from './database.health';
import { DatabaseState } from './database.state';
import type { Database } from './database.types';
import { DATABASE } from './storage.di-tokens';

/**
 * A real PostgreSQL is connected and migrated at start-up when keys are on
 * (a master key is set); if it does not answer the gateway starts anyway,
 * not ready, and connects on a later query. The embedded one opens on first
 * use. Closed last on shutdown, after whatever flushes into it.
 */
@Injectable()
export class StorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<Database>,
    private readonly state: DatabaseState,
    private readonly config: GatewayConfigService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.current.masterKey) return;
    this.readiness.register(new DatabaseReadinessIndicator(this.db, this.state));
    if (this.state.embedded) return;
    try {
      await sql`select 1`.execute(this.db);
    } catch (err) {
      this.logger.warn(`database ${this.state.description} does not answer at start-up (${(err as Error).message}); retrying on use`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy().catch((err: Error) => this.logger.warn(`closing the database: ${err.message}`));
  }
}

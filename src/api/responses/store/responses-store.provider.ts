import type { Provider } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { GatewayConfigService } from '../../../config/gateway-config.service';
import type { Database } from '../../../storage/database.types';
import { DatabaseState } from '../../../storage/database.state';
import { DATABASE } from '../../../storage/storage.di-tokens';
import { DatabaseResponsesStore } from './database-responses.store';
import { InMemoryResponsesStore } from './in-memory-responses.store';
import { ResponsesRepository } from './responses.repository';
import { RESPONSES_STORE } from './responses-store.di-tokens';

const DEFAULT_MAX_ENTRIES = 10_000;
/** OpenAI keeps responses 30 days. */
const DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600;

/**
 * The database store when the gateway uses its database (a master key is set,
 * `database_url` names a PostgreSQL, or `database_path` is set); else the in-memory one, bounded by
 * `responses_store_max_entries`, so a keyless gateway never opens an embedded
 * database. `responses_retention_seconds` applies to both (read live).
 */
export const RESPONSES_STORE_PROVIDER: Provider = {
  provide: RESPONSES_STORE,
  inject: [GatewayConfigService, DatabaseState, DATABASE],
  useFactory: (config: GatewayConfigService, state: DatabaseState, db: Kysely<Database>) => {
    const ttlMs = () => (config.current.general.responses_retention_seconds ?? DEFAULT_RETENTION_SECONDS) * 1000;
    if (config.current.masterKey || config.current.general.database_path || !state.embedded) return new DatabaseResponsesStore(new ResponsesRepository(db), ttlMs);
    return new InMemoryResponsesStore(() => ({
      maxEntries: config.current.general.responses_store_max_entries ?? DEFAULT_MAX_ENTRIES,
      ttlMs: ttlMs(),
    }));
  },
};

import { Global, Module } from '@nestjs/common';
import { GatewayConfigService } from '../config/gateway-config.service';
import { createDatabase } from './database.factory';
import { assertEmbeddedFolderUsable, databaseSettingsFrom } from './database-settings';
import { DatabaseState } from './database.state';
import { DATABASE } from './storage.di-tokens';
import { StorageLifecycle } from './storage.lifecycle';

/**
 * The store for keys, teams and spend (SPEC 11): `DATABASE` is a
 * `Kysely<Database>` over a real PostgreSQL or the embedded PGlite. Only
 * repositories (`*.repository.ts`) query it. Settings are read at start-up;
 * changing them needs a restart.
 */
@Global()
@Module({
  providers: [
    { provide: DatabaseState, useFactory: (config: GatewayConfigService) => new DatabaseState(assertEmbeddedFolderUsable(databaseSettingsFrom(config.current.general))), inject: [GatewayConfigService] },
    { provide: DATABASE, useFactory: (state: DatabaseState) => createDatabase(state), inject: [DatabaseState] },
    StorageLifecycle,
  ],
  exports: [DATABASE, DatabaseState],
})
export class StorageModule {}

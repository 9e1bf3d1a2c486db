import { Logger } from '@nestjs/common';
import { Kysely, type Driver } from 'kysely';
import { openDriver } from './database.drivers';
import type { Database } from './database.types';
import type { DatabaseState } from './database.state';
import { migrateToLatest } from './migration.runner';
import { borrowedDriver, postgresFamilyDialect } from './postgres-family.dialect';
import { PreparedDriver } from './prepared.driver';

/**
 * The gateway's `Kysely<Database>`. Nothing is opened until the first query
 * (an embedded PGlite costs seconds and hundreds of MB, and a gateway without
 * keys never needs it); that first query opens the store and applies the
 * migrations before it runs.
 */
export function createDatabase(state: DatabaseState, logger = new Logger('Storage')): Kysely<Database> {
  const prepare = async (driver: Driver) => {
    const migrator = new Kysely<unknown>({ dialect: postgresFamilyDialect(() => borrowedDriver(driver)) });
    const applied = await migrateToLatest(migrator);
    if (applied.length) logger.log(`database ${state.description}: applied migrations ${applied.join(', ')}`);
  };
  const driver = new PreparedDriver(
    () => openDriver(state.settings, (err) => logger.warn(`database ${state.description}: ${err.message}`)),
    prepare,
    () => {
      state.opened = true;
      logger.log(`database ${state.description} is open`);
    },
  );
  return new Kysely<Database>({ dialect: postgresFamilyDialect(() => driver) });
}

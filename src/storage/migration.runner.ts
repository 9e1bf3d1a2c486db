import { Migrator, sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations';

/** Any fixed number: the session lock every replica takes before migrating. */
const MIGRATION_LOCK_ID = 7_270_155_501;

/**
 * Applies the pending migrations in name order, recorded in
 * `gateway_migrations`. Several replicas may start at once: each takes the
 * same session advisory lock on one connection first, so one migrates while
 * the others wait and then find nothing to do.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: 'gateway_migrations',
        migrationLockTableName: 'gateway_migrations_lock',
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(conn);
    }
  });
}

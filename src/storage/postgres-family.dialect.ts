import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Dialect, type Driver, type Kysely } from 'kysely';

/** A PostgreSQL-speaking dialect over any driver (pg's pool, PGlite, or one already opened). */
export function postgresFamilyDialect(createDriver: () => Driver): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  };
}

/** The opened driver, lent to a second Kysely (migrations) that must not init or close it. */
export function borrowedDriver(driver: Driver): Driver {
  return {
    init: async () => undefined,
    destroy: async () => undefined,
    acquireConnection: () => driver.acquireConnection(),
    beginTransaction: (c, s) => driver.beginTransaction(c, s),
    commitTransaction: (c) => driver.commitTransaction(c),
    rollbackTransaction: (c) => driver.rollbackTransaction(c),
    releaseConnection: (c) => driver.releaseConnection(c),
  };
}

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite as PGliteClass } from '@electric-sql/pglite';
import { PostgresDialect, type Driver } from 'kysely';
import { Pool, types } from 'pg';
import type { DatabaseSettings } from './database-settings';
import { PGliteDriver } from './pglite.driver';

/** Both engines return the same JS values: bigint as a number, date as `YYYY-MM-DD`, timestamptz as this realm's Date. */
const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const parsers: Record<number, (value: string) => unknown> = { [INT8]: Number, [DATE]: (v) => v };
const embeddedParsers: Record<number, (value: string) => unknown> = { ...parsers, [TIMESTAMPTZ]: (v) => new Date(v) };

/** A pool that fails fast: a call must not hang on a database that is away. */
function openPostgres(url: string, onError: (err: Error) => void): Driver {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 10_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => parsers[oid] ?? types.getTypeParser(oid, format)) as typeof types.getTypeParser },
  });
  // An idle client losing its server emits here; unhandled it would end the process.
  pool.on('error', onError);
  return new PostgresDialect({ pool }).createDriver();
}

/**
 * PGlite's CommonJS build loads Node built-ins with `import()`. Loaded through
 * Node's own `require` that always works; through a bundler's or a test
 * runner's module system (Jest without --experimental-vm-modules) it fails.
 */
const loadPGlite = (): typeof PGliteClass => {
  const { createRequire } = process.getBuiltinModule('node:module');
  return (createRequire(__filename)('@electric-sql/pglite') as { PGlite: typeof PGliteClass }).PGlite;
};

async function openEmbedded(path: string): Promise<Driver> {
  const dataDir = path.startsWith('memory://') ? path : resolve(path);
  if (dataDir === resolve(path)) mkdirSync(dataDir, { recursive: true });
  const pglite = await loadPGlite().create(dataDir, { parsers: embeddedParsers });
  return new PGliteDriver(pglite);
}

export function openDriver(settings: DatabaseSettings, onError: (err: Error) => void): Promise<Driver> {
  return settings.kind === 'postgres' ? Promise.resolve(openPostgres(settings.url, onError)) : openEmbedded(settings.path);
}

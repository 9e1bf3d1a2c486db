import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL the CI starts (`.ci/run`); each test file gets its own database on it. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** `general_settings` entries that point the gateway at it. */
  settings: { database_url: string } | { database_path: string };
  kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database `gw_<prefix>_<random>` on the test server, dropped (with its connections) by `drop()`. */
export async function createPostgresDatabase(prefix: string): Promise<TestDatabase> {
  const name = `gw_${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    settings: { database_url: url.toString() },
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An embedded database in a fresh temp folder, removed by `drop()`. */
export async function createEmbeddedDatabase(prefix: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `gw-${prefix}-`));
  return { kind: 'embedded', settings: { database_path: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_DATABASES: ReadonlyArray<[string, (prefix: string) => Promise<TestDatabase>]> = [
  ['embedded PGlite', createEmbeddedDatabase],
  ['PostgreSQL', createPostgresDatabase],
];

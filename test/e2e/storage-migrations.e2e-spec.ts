import { Kysely, sql } from 'kysely';
import { createDatabase } from '../../src/storage/database.factory';
import { databaseSettingsFrom } from '../../src/storage/database-settings';
import { DatabaseState } from '../../src/storage/database.state';
import type { Database } from '../../src/storage/database.types';
import { createEmbeddedDatabase, createPostgresDatabase, type TestDatabase } from '../support/test-database';

const open = (db: TestDatabase): Kysely<Database> => createDatabase(new DatabaseState(databaseSettingsFrom(db.settings, {})));

async function tables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

const EXPECTED = ['gateway_daily_spend', 'gateway_keys', 'gateway_migrations', 'gateway_migrations_lock', 'gateway_responses', 'gateway_spend_logs', 'gateway_teams'];

describe('storage: migrations', () => {
  it('creates the schema in an embedded database on first query, and reopens it as it was', async () => {
    const store = await createEmbeddedDatabase('migr');
    try {
      const db = open(store);
      expect(await tables(db)).toEqual(EXPECTED);
      await db.insertInto('gateway_teams').values({ team_id: 't1', team_alias: 'one', models: JSON.stringify(['a']), metadata: '{}' }).execute();
      await db.destroy();
      const again = open(store);
      const team = await again.selectFrom('gateway_teams').selectAll().executeTakeFirstOrThrow();
      expect(team).toMatchObject({ team_id: 't1', models: ['a'], spend: 0, blocked: false });
      expect(team.created_at).toBeInstanceOf(Date);
      await again.destroy();
    } finally {
      await store.drop();
    }
  }, 60_000);

  it('migrates once when several replicas start on one PostgreSQL at the same moment', async () => {
    const store = await createPostgresDatabase('migr');
    const replicas = [open(store), open(store), open(store)];
    try {
      await Promise.all(replicas.map((db) => sql`select 1`.execute(db)));
      expect(await tables(replicas[0])).toEqual(EXPECTED);
      const applied = await sql<{ name: string }>`select name from gateway_migrations`.execute(replicas[1]);
      expect(applied.rows.map((r) => r.name)).toEqual(['20261203150000-initial-schema', '20261203170000-responses']);
      await replicas[2].insertInto('gateway_daily_spend').values({ day: '2026-12-03', spend: 1.5, requests: 2 }).execute();
      const day = await replicas[0].selectFrom('gateway_daily_spend').selectAll().executeTakeFirstOrThrow();
      expect(day).toEqual({ day: '2026-12-03', team_id: '', api_key: '', model: '', spend: 1.5, prompt_tokens: 0, completion_tokens: 0, requests: 2 });
    } finally {
      await Promise.all(replicas.map((db) => db.destroy()));
      await store.drop();
    }
  });

  it('connects later when PostgreSQL is not there at first', async () => {
    const db = open({ kind: 'postgres', settings: { database_url: 'postgres://postgres@127.0.0.1:1/none' }, drop: async () => undefined });
    await expect(sql`select 1`.execute(db)).rejects.toThrow();
    await expect(sql`select 1`.execute(db)).rejects.toThrow();
    await db.destroy();
  });
});

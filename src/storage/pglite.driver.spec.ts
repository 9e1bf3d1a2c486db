import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { assertEmbeddedFolderUsable, EMBEDDED_POSTGRES_MAJOR } from './database-settings';
import { openDriver } from './database.drivers';
import { borrowedDriver, postgresFamilyDialect } from './postgres-family.dialect';

describe('the embedded database driver (PGlite)', () => {
  let db: Kysely<unknown>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const driver = await openDriver({ kind: 'embedded', path: 'memory://' }, () => {});
    close = () => driver.destroy();
    db = new Kysely<unknown>({ dialect: postgresFamilyDialect(() => borrowedDriver(driver)) });
    await sql`create table t (id int primary key, n int not null, at timestamptz)`.execute(db);
    await driver.acquireConnection().then((c) => driver.releaseConnection(c));
  });
  afterAll(async () => {
    await db.destroy();
    await close();
  });

  it('runs the PostgreSQL major the folder check expects', async () => {
    const { rows } = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
    expect(String(Math.floor(Number(rows[0].v) / 10000))).toBe(EMBEDDED_POSTGRES_MAJOR);
  });

  it('reports affected rows and takes Date parameters', async () => {
    const at = new Date('2026-12-03T10:00:00.000Z');
    const inserted = await sql`insert into t (id, n, at) values (1, 0, ${at}), (2, 0, ${at})`.execute(db);
    expect(inserted.numAffectedRows).toBe(2n);
    const { rows } = await sql<{ at: Date }>`select at from t where id = 1`.execute(db);
    expect(new Date(rows[0].at).toISOString()).toBe(at.toISOString());
  });

  it('keeps concurrent transactions apart: each sees only its own writes, none is lost', async () => {
    await sql`update t set n = 0`.execute(db);
    const bump = () =>
      db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ n: number }>`select n from t where id = 1`.execute(tx);
        await new Promise((r) => setTimeout(r, 5)); // another transaction would interleave here
        await sql`update t set n = ${rows[0].n + 1} where id = 1`.execute(tx);
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    const { rows } = await sql<{ n: number }>`select n from t where id = 1`.execute(db);
    expect(rows[0].n).toBe(10);
  });

  it('rolls a failed transaction back and serves the next caller', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`update t set n = 99 where id = 2`.execute(tx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await sql<{ n: number }>`select n from t where id = 2`.execute(db);
    expect(rows[0].n).toBe(0);
  });
});

describe('assertEmbeddedFolderUsable', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pgver-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder written by another PostgreSQL major, naming the setting and the folder', () => {
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    expect(() => assertEmbeddedFolderUsable({ kind: 'embedded', path: dir })).toThrow(
      new RegExp(`general_settings\\.database_path: the embedded database in ${dir} was written by PostgreSQL 17`),
    );
  });

  it('accepts a folder of its own major, a new folder and a real PostgreSQL', () => {
    const empty = { kind: 'embedded', path: join(dir, 'new') } as const;
    expect(assertEmbeddedFolderUsable(empty)).toBe(empty);
    writeFileSync(join(dir, 'PG_VERSION'), `${EMBEDDED_POSTGRES_MAJOR}\n`);
    expect(() => assertEmbeddedFolderUsable({ kind: 'embedded', path: dir })).not.toThrow();
    expect(() => assertEmbeddedFolderUsable({ kind: 'postgres', url: 'postgres://x@h/db' })).not.toThrow();
  });
});

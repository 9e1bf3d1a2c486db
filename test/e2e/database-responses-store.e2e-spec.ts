import type { Kysely } from 'kysely';
import { DatabaseResponsesStore } from '../../src/api/responses/store/database-responses.store';
import { ResponsesRepository } from '../../src/api/responses/store/responses.repository';
import type { StoredResponse } from '../../src/api/responses/store/responses.store';
import { createDatabase } from '../../src/storage/database.factory';
import { DatabaseState } from '../../src/storage/database.state';
import type { Database } from '../../src/storage/database.types';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

const entry = (id: string, owner: string, storedAt: number): StoredResponse =>
  ({ id, ownerKeyHash: owner, response: { id } as never, inputItems: [{ role: 'user', content: 'hi' } as never], history: [], deploymentId: 'dep-1', storedAt });

describe('DatabaseResponsesStore on PostgreSQL', () => {
  let test: TestDatabase;
  let db: Kysely<Database>;
  let now = 1_000_000;
  const store = (ttlMs = 5_000) => new DatabaseResponsesStore(new ResponsesRepository(db), () => ttlMs, () => now);

  beforeAll(async () => {
    test = await createPostgresDatabase('responses_store');
    db = createDatabase(new DatabaseState({ kind: 'postgres', url: (test.settings as { database_url: string }).database_url }));
  });
  afterAll(async () => {
    await db?.destroy();
    await test?.drop();
  });

  it('keeps the entry as saved, for its owner only, until its retention passes', async () => {
    const s = store();
    await s.save(entry('resp_a', 'owner-a', now));
    expect(await s.get('resp_a', 'owner-a')).toEqual(entry('resp_a', 'owner-a', now));
    expect(await s.get('resp_a', 'owner-b')).toBeUndefined();
    now += 4_999;
    expect(await s.get('resp_a', 'owner-a')).toBeDefined();
    now += 1;
    expect(await s.get('resp_a', 'owner-a')).toBeUndefined();
  });

  it('deletes only for the owner', async () => {
    const s = store();
    await s.save(entry('resp_d', 'owner-a', now));
    expect(await s.delete('resp_d', 'owner-b')).toBe(false);
    expect(await s.delete('resp_d', 'owner-a')).toBe(true);
    expect(await s.get('resp_d', 'owner-a')).toBeUndefined();
  });

  it('sweeps expired rows and leaves live ones', async () => {
    const s = store();
    await s.save(entry('resp_old', 'o', now - 10_000));
    await s.save(entry('resp_new', 'o', now));
    expect(await s.sweep()).toBeGreaterThanOrEqual(1);
    const ids = (await db.selectFrom('gateway_responses').select('id').execute()).map((r) => r.id);
    expect(ids).toContain('resp_new');
    expect(ids).not.toContain('resp_old');
    s.onModuleDestroy();
  });

  it('a save on a database that is away fails soft (counted, no throw); a read is a 503', async () => {
    const away = createDatabase(new DatabaseState({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' }));
    const s = new DatabaseResponsesStore(new ResponsesRepository(away), () => 5_000);
    await expect(s.save(entry('resp_x', 'o', now))).resolves.toBeUndefined();
    expect(s.failedSaves).toBe(1);
    await expect(s.get('resp_x', 'o')).rejects.toMatchObject({ status: 503 });
    s.onModuleDestroy();
    await away.destroy();
  });
});

import OpenAI from 'openai';
import { startGateway, rawPost, type StartedGateway } from '../support/gateway.harness';
import { TcpProxy } from '../support/tcp-proxy';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

const MASTER = 'sk-master-keys-replicas';
const admin = { authorization: `Bearer ${MASTER}` };
const config = (extra: object) => ({
  model_list: [{ model_name: 'alpha', litellm_params: { model: 'openai/alpha', mock_response: 'hi' } }],
  general_settings: { master_key: MASTER, ...extra },
});

async function status(gw: StartedGateway, key: string): Promise<number> {
  try {
    await gw.client(key).chat.completions.create({ model: 'alpha', messages: [{ role: 'user', content: 'hi' }] });
    return 200;
  } catch (err) {
    return (err as InstanceType<typeof OpenAI.APIError>).status ?? 0;
  }
}

/** Polls until `gw` answers `expected` for `key`; returns how long it took. */
async function within(gw: StartedGateway, key: string, expected: number, ms = 2_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if ((await status(gw, key)) === expected) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`still not ${expected} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const generate = async (gw: StartedGateway, body: object = {}) => (await rawPost(`${gw.url}/key/generate`, JSON.stringify(body), admin)).json;
const post = (gw: StartedGateway, path: string, body: object) => rawPost(`${gw.url}${path}`, JSON.stringify(body), admin);

describe.each([
  ['PostgreSQL LISTEN/NOTIFY', {}],
  ['Redis pub/sub', { router_settings: { redis_url: 'redis://127.0.0.1:6379', redis_key_prefix: `gwkeys-${process.pid}-${Date.now()}:` } }],
])('two replicas on one PostgreSQL, changes through %s', (_name, extra) => {
  let db: TestDatabase;
  let a: StartedGateway;
  let b: StartedGateway;

  beforeAll(async () => {
    db = await createPostgresDatabase('replicas');
    // Both start at once on an empty database: one migrates, the other waits on the lock.
    [a, b] = await Promise.all([startGateway({ ...config(db.settings), ...extra }), startGateway({ ...config(db.settings), ...extra })]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('both started on the fresh database and serve the same keys', async () => {
    const k = await generate(a, { key_alias: 'shared' });
    expect(await status(b, k.key)).toBe(200);
    expect(await status(a, k.key)).toBe(200);
  });

  it('block, regenerate, delete and team delete on one replica reach the other within 2 s', async () => {
    const k = await generate(a);
    expect(await status(b, k.key)).toBe(200); // cached on b
    await post(a, '/key/block', { key: k.token });
    await within(b, k.key, 401);
    await post(a, '/key/unblock', { key: k.token });
    await within(b, k.key, 200);

    const fresh = (await post(a, '/key/regenerate', { key: k.token })).json;
    await within(b, k.key, 401);
    expect(await status(b, fresh.key)).toBe(200);

    await post(b, '/key/delete', { keys: [fresh.token] });
    await within(a, fresh.key, 401);

    const team = (await post(a, '/team/new', { team_alias: 'gone' })).json;
    const inTeam = await generate(a, { team_id: team.team_id });
    expect(await status(b, inTeam.key)).toBe(200);
    await post(a, '/team/delete', { team_ids: [team.team_id] });
    await within(b, inTeam.key, 401);
  });
});

describe('the database goes away and comes back', () => {
  let db: TestDatabase;
  let gw: StartedGateway;
  const proxy = new TcpProxy('127.0.0.1', 5432);

  beforeAll(async () => {
    db = await createPostgresDatabase('outage');
    await proxy.start();
    const url = new URL((db.settings as { database_url: string }).database_url);
    url.port = String(proxy.port);
    gw = await startGateway(config({ database_url: url.toString() }));
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await proxy.cut();
    await db?.drop();
  });

  it('keeps the master key and cached keys working, answers 503 for unknown keys, and recovers by itself', async () => {
    const cached = await generate(gw);
    const later = await generate(gw);
    expect(await status(gw, cached.key)).toBe(200);
    expect((await fetch(`${gw.url}/health/readiness`)).status).toBe(200);

    await proxy.cut();
    expect(await status(gw, MASTER)).toBe(200);
    expect(await status(gw, cached.key)).toBe(200);
    expect(await status(gw, later.key)).toBe(503);
    const ready = await fetch(`${gw.url}/health/readiness`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('database');
    expect((await post(gw, '/key/generate', {})).status).toBe(503);

    await proxy.start();
    await within(gw, later.key, 200, 10_000);
    expect((await fetch(`${gw.url}/health/readiness`)).status).toBe(200);
  }, 30_000);
});

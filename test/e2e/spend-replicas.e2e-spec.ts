import OpenAI from 'openai';
import { Client } from 'pg';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, type StartedGateway } from '../support/gateway.harness';
import { TcpProxy } from '../support/tcp-proxy';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../../src/observability/testing/observability-test.helpers';

const MASTER = 'sk-master-spend-replicas';
const admin = { authorization: `Bearer ${MASTER}` };
const PRICE = { input_cost_per_token: 0.001, output_cost_per_token: 0.002 };
/** The mock answers every chat call with 9 prompt and 12 completion tokens. */
const COST = 9 * PRICE.input_cost_per_token + 12 * PRICE.output_cost_per_token;

const upstream = new MockUpstream();
const config = (database: object, extra: object = {}) => ({
  model_list: [
    { model_name: 'priced', litellm_params: { model: 'openai/priced-upstream', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-replicas', ...PRICE } },
  ],
  router_settings: { num_retries: 0 },
  general_settings: { master_key: MASTER, ...database },
  ...extra,
});
const post = async (gw: StartedGateway, path: string, body: object) => {
  const res = await rawPost(`${gw.url}${path}`, JSON.stringify(body), admin);
  expect([path, res.status]).toEqual([path, 200]);
  return res.json;
};
const chat = (gw: StartedGateway, key: string) => gw.client(key).chat.completions.create({ model: 'priced', messages: [{ role: 'user', content: 'hi' }] });
const statusOf = (p: Promise<unknown>): Promise<number> =>
  p.then(
    () => 200,
    (err: InstanceType<typeof OpenAI.APIError>) => err.status ?? 0,
  );
const readiness = async (gw: StartedGateway) => (await fetch(`${gw.url}/health/readiness`)).status;

/** Straight from the database: the key's rows, and its and its team's counters. */
async function figures(url: string, token: string, teamId?: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ n: string; sum: string | null }>('select count(*) as n, sum(cost) as sum from gateway_spend_logs where api_key = $1', [
      token,
    ]);
    const key = await client.query<{ spend: string }>('select spend from gateway_keys where token = $1', [token]);
    const team = teamId ? await client.query<{ spend: string }>('select spend from gateway_teams where team_id = $1', [teamId]) : undefined;
    return {
      rows: Number(rows.rows[0].n),
      rowSum: Number(rows.rows[0].sum ?? 0),
      keySpend: Number(key.rows[0]?.spend),
      teamSpend: team ? Number(team.rows[0]?.spend) : undefined,
    };
  } finally {
    await client.end();
  }
}

beforeAll(() => upstream.start());
afterAll(() => upstream.stop());

describe('spend over two replicas on one PostgreSQL (limits shared through Redis)', () => {
  let db: TestDatabase;
  let a: StartedGateway;
  let b: StartedGateway;
  let url: string;

  beforeAll(async () => {
    db = await createPostgresDatabase('spendrep');
    url = (db.settings as { database_url: string }).database_url;
    const redis = { router_settings: { num_retries: 0, redis_url: 'redis://127.0.0.1:6379', redis_key_prefix: `gwspend-${process.pid}-${Date.now()}:` } };
    [a, b] = await Promise.all([startGateway(config(db.settings, redis)), startGateway(config(db.settings, redis))]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('loses no spend: N concurrent calls split over both, rows = key counter = team counter', async () => {
    const team = await post(a, '/team/new', { team_alias: 'split' });
    const k = await post(a, '/key/generate', { team_id: team.team_id });
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => statusOf(chat(i % 2 ? a : b, k.key))));
    expect(results).toEqual(Array(n).fill(200));
    await waitFor(async () => (await figures(url, k.token)).rows === n, 10_000);
    // Both replicas have written their counters with their rows (one transaction each batch).
    await waitFor(async () => Math.abs((await figures(url, k.token, team.team_id)).keySpend - n * COST) < 1e-9, 5_000);
    const f = await figures(url, k.token, team.team_id);
    expect(f.rowSum).toBeCloseTo(n * COST, 9);
    expect(f.keySpend).toBeCloseTo(n * COST, 9);
    expect(f.teamSpend).toBeCloseTo(n * COST, 9);
    // Either replica answers the same.
    for (const gw of [a, b]) {
      expect(((await (await fetch(`${gw.url}/key/info?key=${k.token}`, { headers: admin })).json()) as any).info.spend).toBeCloseTo(n * COST, 9);
      expect(((await (await fetch(`${gw.url}/spend/logs?api_key=${k.token}`, { headers: admin })).json()) as any).total).toBe(n);
    }
  });

  it('a budget spent on one replica is refused on the other', async () => {
    const k = await post(a, '/key/generate', { max_budget: 0.05 });
    // b knows the key (and its spend) first; then a spends the rest of the budget.
    await chat(b, k.key);
    await waitFor(async () => (await figures(url, k.token)).keySpend > 0, 5_000);
    await chat(a, k.key);
    await waitFor(async () => (await figures(url, k.token)).keySpend > 2 * COST - 1e-9, 5_000);
    expect(await statusOf(chat(a, k.key))).toBe(429);
    // b reads a's spend back from the database (every second): at most one more call gets through meanwhile.
    const before = upstream.requests.length;
    await waitFor(async () => (await statusOf(chat(b, k.key))) === 429, 5_000);
    expect(upstream.requests.length - before).toBeLessThanOrEqual(1);
  });

  it('counts a key’s rpm_limit over both replicas', async () => {
    const k = await post(a, '/key/generate', { rpm_limit: 3 });
    await chat(a, k.key);
    await chat(b, k.key);
    await chat(a, k.key);
    const err = (await chat(b, k.key).then(
      () => undefined,
      (e: unknown) => e,
    )) as InstanceType<typeof OpenAI.APIError>;
    expect([err?.status, (err?.error as any)?.type]).toEqual([429, 'rate_limit_error']);
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
  it('counts a key’s max_parallel_requests over both replicas', async () => {
    const k = await post(a, '/key/generate', { max_parallel_requests: 2 });
    upstream.on(
      (req) => req.json?.messages?.[0]?.content === 'slow',
      (req) => ({
        delayMs: 500,
        json: {
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: req.json.model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
        },
      }),
    );
    const slow = (gw: StartedGateway) => statusOf(gw.client(k.key).chat.completions.create({ model: 'priced', messages: [{ role: 'user', content: 'slow' }] }));
    const results = await Promise.all([slow(a), slow(b), slow(a), slow(b), slow(a), slow(b)]);
    // Never over the limit; racing replicas may refuse a call at the edge, but a burst is not refused whole.
    const admitted = results.filter((s) => s === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(1);
    expect(admitted).toBeLessThanOrEqual(2);
    expect(results.filter((s) => s === 429)).toHaveLength(6 - admitted);
    expect(await statusOf(chat(b, k.key))).toBe(200);
  });
});

describe('spend writing on shutdown and through a database outage', () => {
  let db: TestDatabase;
  let url: string;
  const proxy = new TcpProxy('127.0.0.1', 5432);

  beforeAll(async () => {
    db = await createPostgresDatabase('spendout');
    url = (db.settings as { database_url: string }).database_url;
    await proxy.start();
  }, 60_000);

  afterAll(async () => {
    await proxy.cut();
    await db?.drop();
  });

  it('writes the buffered spend rows when the app closes right after the calls', async () => {
    const gw = await startGateway(config(db.settings));
    let k: any;
    try {
      k = await post(gw, '/key/generate', { key_alias: 'closing' });
      const results = await Promise.all(Array.from({ length: 5 }, () => statusOf(chat(gw, k.key))));
      expect(results).toEqual(Array(5).fill(200));
    } finally {
      await gw.close();
    }
    const f = await figures(url, k.token);
    expect(f.rows).toBe(5);
    expect(f.keySpend).toBeCloseTo(5 * COST, 9);
  });

  it('keeps cached keys calling while the database is away, and writes their spend once it is back', async () => {
    const through = new URL(url);
    through.port = String(proxy.port);
    const gw = await startGateway(config({ database_url: through.toString() }));
    try {
      const cached = await post(gw, '/key/generate', {});
      const unknown = await post(gw, '/key/generate', {});
      expect(await statusOf(chat(gw, cached.key))).toBe(200);
      await waitFor(async () => (await figures(url, cached.token)).rows === 1, 5_000);
      expect(await readiness(gw)).toBe(200);

      await proxy.cut();
      for (let i = 0; i < 3; i++) expect(await statusOf(chat(gw, cached.key))).toBe(200);
      expect(await statusOf(chat(gw, unknown.key))).toBe(503);
      expect(await readiness(gw)).toBe(503);
      // Nothing reached the database meanwhile.
      expect((await figures(url, cached.token)).rows).toBe(1);

      await proxy.start();
      await waitFor(async () => (await readiness(gw)) === 200, 10_000);
      await waitFor(async () => (await figures(url, cached.token)).rows === 4, 10_000);
      await waitFor(async () => Math.abs((await figures(url, cached.token)).keySpend - 4 * COST) < 1e-9, 5_000);
      expect((await figures(url, cached.token)).rowSum).toBeCloseTo(4 * COST, 9);
      expect(await statusOf(chat(gw, unknown.key))).toBe(200);
    } finally {
      await gw.close();
    }
  }, 40_000);
});

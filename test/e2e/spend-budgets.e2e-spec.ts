import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { GatewayLoggerService } from '../../src/observability/logging/gateway-logger.service';
import { CapturedLines, waitFor } from '../../src/observability/testing/observability-test.helpers';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, type StartedGateway } from '../support/gateway.harness';
import { TEST_DATABASES, type TestDatabase } from '../support/test-database';

const MASTER = 'sk-master-spend-e2e';
const admin = { authorization: `Bearer ${MASTER}` };
/** The mock answers every chat call with 9 prompt and 12 completion tokens. */
const PROMPT = 9;
const COMPLETION = 12;
const PRICE = { input_cost_per_token: 0.001, output_cost_per_token: 0.002 };
const INFO_PRICE = { input_cost_per_token: 0.0001, output_cost_per_token: 0.0003 };
const COST = PROMPT * PRICE.input_cost_per_token + COMPLETION * PRICE.output_cost_per_token; // 0.033
const INFO_COST = PROMPT * INFO_PRICE.input_cost_per_token + COMPLETION * INFO_PRICE.output_cost_per_token; // 0.0045
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const today = () => new Date().toISOString().slice(0, 10);

interface Refusal {
  status: number | undefined;
  type: string | undefined;
  code: string | undefined;
  message: string;
  retryAfter: string | null;
}

/** Prices, spend rows, reports and budgets (SPEC 6, 11) through the OpenAI SDK with virtual keys. */
describe.each(TEST_DATABASES)('spend and budgets on %s', (_name, create) => {
  const upstream = new MockUpstream();
  const logs = new CapturedLines();
  const savedLevel = process.env.LOG_LEVEL;
  /** Every key generated here: none may appear anywhere afterwards. */
  const secrets: string[] = [];
  let db: TestDatabase;
  let gw: StartedGateway;
  let dir: string;
  let sinkFile: string;

  const post = async (path: string, body: object) => {
    const res = await rawPost(`${gw.url}${path}`, JSON.stringify(body), admin);
    expect([path, res.status]).toEqual([path, 200]);
    return res.json;
  };
  const get = async (path: string, headers: Record<string, string> = admin) => {
    const res = await fetch(`${gw.url}${path}`, { headers });
    expect([path, res.status]).toEqual([path, 200]);
    return res.json() as Promise<any>;
  };
  const generate = async (body: object = {}) => {
    const k = await post('/key/generate', body);
    secrets.push(k.key);
    return k;
  };
  const chat = (key: string, model = 'priced', content = 'hi') => gw.client(key).chat.completions.create({ model, messages: [{ role: 'user', content }] });
  const refusal = async (p: Promise<unknown>): Promise<Refusal> => {
    const err = (await p.then(
      () => undefined,
      (e) => e,
    )) as InstanceType<typeof OpenAI.APIError> | undefined;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const body = err!.error as { type?: string; code?: string; message?: string } | undefined;
    return { status: err!.status, type: body?.type, code: body?.code, message: body?.message ?? '', retryAfter: err!.headers?.get('retry-after') ?? null };
  };
  /** The key's spend rows once `count` of them are written (spend is written in batches, off the request path). */
  const rowsOf = async (token: string, count: number): Promise<any[]> => {
    let rows: any[] = [];
    await waitFor(async () => {
      rows = (await get(`/spend/logs?api_key=${token}&page_size=1000`)).data;
      return rows.length >= count;
    }, 10_000);
    return rows;
  };
  const keySpend = async (token: string) => (await get(`/key/info?key=${token}`)).info.spend as number;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    await upstream.start();
    db = await create('spend');
    dir = mkdtempSync(join(tmpdir(), 'spend-e2e-'));
    sinkFile = join(dir, 'events.jsonl');
    const at = { api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-spend' };
    gw = await startGateway({
      model_list: [
        { model_name: 'priced', litellm_params: { model: 'openai/priced-upstream', ...at, ...PRICE } },
        { model_name: 'info-priced', litellm_params: { model: 'openai/info-priced-upstream', ...at }, model_info: { id: 'info-dep', ...INFO_PRICE } },
        { model_name: 'unpriced', litellm_params: { model: 'openai/no-such-priced-model-xyz', ...at } },
        { model_name: 'budgeted', litellm_params: { model: 'openai/budgeted-upstream', ...at, ...PRICE } },
      ],
      router_settings: { num_retries: 0 },
      general_settings: { master_key: MASTER, ...db.settings },
      logging: { sinks: [{ type: 'file', path: sinkFile, flush_interval_ms: 20 }] },
    });
    gw.app.get(GatewayLoggerService).setDestination(logs);
    // The embedded database opens on first use, which takes seconds: not inside a test's time.
    await get('/team/list');
  }, 120_000);

  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
  });

  it('answers the price of a call in x-gateway-response-cost and x-litellm-response-cost (litellm_params or model_info prices)', async () => {
    const k = await generate({});
    for (const [model, cost] of [
      ['priced', COST],
      ['info-priced', INFO_COST],
    ] as const) {
      const { data, response } = await gw
        .client(k.key)
        .chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(data.usage).toMatchObject({ prompt_tokens: PROMPT, completion_tokens: COMPLETION });
      expect(Number(response.headers.get('x-gateway-response-cost'))).toBeCloseTo(cost, 12);
      expect(response.headers.get('x-litellm-response-cost')).toBe(response.headers.get('x-gateway-response-cost'));
    }
    // No known price: no header, and the row's cost is null (never 0).
    const { response } = await gw
      .client(k.key)
      .chat.completions.create({ model: 'unpriced', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-gateway-response-cost')).toBeNull();
    expect(response.headers.get('x-litellm-response-cost')).toBeNull();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_unpriced_calls_total\{model="unpriced"\} [1-9]/m);
    const rows = await rowsOf(k.token, 3);
    expect(rows.map((r) => [r.model, r.spend === null ? null : Math.round(r.spend * 1e6)]).sort()).toEqual(
      [
        ['info-priced', Math.round(INFO_COST * 1e6)],
        ['priced', Math.round(COST * 1e6)],
        ['unpriced', null],
      ].sort(),
    );
  });

  it('leaves one spend row per call with the token (never the key), key_alias, team, tokens and cost; the counters add up', async () => {
    const team = await post('/team/new', { team_alias: 'rows-team' });
    const k = await generate({ key_alias: 'rows-key', team_id: team.team_id, user_id: 'u-1' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await gw
        .client(k.key)
        .chat.completions.create({ model: 'priced', messages: [{ role: 'user', content: 'hi' }], metadata: { tags: ['a', 'b'] } } as any)
        .withResponse();
      ids.push(response.headers.get('x-request-id')!);
    }
    // A stream that did not ask for usage is priced too (the gateway asks the provider for it).
    const stream = await gw.client(k.key).chat.completions.create({ model: 'priced', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of stream) void chunk;
    const rows = await rowsOf(k.token, 4);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ api_key: k.token, key_alias: 'rows-key', team_id: team.team_id, user: 'u-1', model: 'priced', status: 'success' });
      expect(row).toMatchObject({ prompt_tokens: PROMPT, completion_tokens: COMPLETION, total_tokens: PROMPT + COMPLETION });
      expect(row.spend).toBeCloseTo(COST, 12);
      expect(JSON.stringify(row)).not.toContain(k.key);
    }
    expect(rows.filter((r) => ids.includes(r.request_id)).map((r) => r.request_tags)).toEqual([
      ['a', 'b'],
      ['a', 'b'],
      ['a', 'b'],
    ]);
    // By the key itself, by team, by request id.
    expect((await get(`/spend/logs?api_key=${k.key}`)).data).toHaveLength(4);
    expect((await get(`/spend/logs?team_id=${team.team_id}`)).total).toBe(4);
    expect((await get(`/spend/logs?request_id=${ids[0]}`)).data.map((r: any) => r.request_id)).toEqual([ids[0]]);
    await waitFor(async () => Math.abs((await keySpend(k.token)) - 4 * COST) < 1e-9, 5_000);
    expect((await get(`/team/info?team_id=${team.team_id}`)).team_info.spend).toBeCloseTo(4 * COST, 9);
  });

  it('prices and records Responses API calls (streamed too) and embeddings like chat', async () => {
    const k = await generate({ key_alias: 'other-routes' });
    const client = gw.client(k.key);
    // The mock's Responses answer uses 7 input and 5 output tokens; its embeddings 4 prompt tokens an input.
    const responsesCost = 7 * PRICE.input_cost_per_token + 5 * PRICE.output_cost_per_token;
    const { response } = await client.responses.create({ model: 'priced', input: 'hi' }).withResponse();
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeCloseTo(responsesCost, 12);
    const stream = await client.responses.create({ model: 'priced', input: 'hi', stream: true });
    for await (const event of stream) void event;
    const embedded = await client.embeddings.create({ model: 'priced', input: ['a', 'b'] }).withResponse();
    expect(Number(embedded.response.headers.get('x-gateway-response-cost'))).toBeCloseTo(8 * PRICE.input_cost_per_token, 12);
    const rows = await rowsOf(k.token, 3);
    expect(rows.map((r) => [r.call_type, Math.round(r.spend * 1e6)]).sort()).toEqual(
      [
        ['embeddings', Math.round(8 * PRICE.input_cost_per_token * 1e6)],
        ['responses', Math.round(responsesCost * 1e6)],
        ['responses', Math.round(responsesCost * 1e6)],
      ].sort(),
    );
    for (const row of rows) expect(row).toMatchObject({ key_alias: 'other-routes', status: 'success', model: 'priced' });
  });

  it('reports spend per day grouped by team, key and model', async () => {
    const team = await post('/team/new', { team_alias: 'report-team' });
    const k = await generate({ team_id: team.team_id });
    await chat(k.key, 'priced');
    await chat(k.key, 'priced');
    await chat(k.key, 'info-priced');
    await rowsOf(k.token, 3);
    const day = today();
    const byTeam = await get(`/spend/report?start_date=${day}&end_date=${day}&group_by=team`);
    const teamEntry = byTeam.find((d: any) => d.group_by_day === day).teams.find((t: any) => t.team_id === team.team_id);
    expect(teamEntry.total_spend).toBeCloseTo(2 * COST + INFO_COST, 9);
    expect(teamEntry).toMatchObject({
      requests: 3,
      total_prompt_tokens: 3 * PROMPT,
      total_completion_tokens: 3 * COMPLETION,
      total_tokens: 3 * (PROMPT + COMPLETION),
    });
    expect(teamEntry.metadata.map((m: any) => [m.model, m.requests]).sort()).toEqual([
      ['info-priced', 1],
      ['priced', 2],
    ]);
    const byKey = await get(`/spend/report?start_date=${day}&end_date=${day}&group_by=key`);
    const keyEntry = byKey.find((d: any) => d.group_by_day === day).api_keys.find((e: any) => e.api_key === k.token);
    expect(keyEntry.total_spend).toBeCloseTo(2 * COST + INFO_COST, 9);
    const byModel = await get(`/spend/report?start_date=${day}&end_date=${day}&group_by=model`);
    const models = byModel.find((d: any) => d.group_by_day === day).models;
    const rows = (await get(`/spend/logs?start_date=${day}&end_date=${day}&page_size=1000`)).data as any[];
    for (const model of ['priced', 'info-priced']) {
      const sum = rows.filter((r) => r.model === model).reduce((s, r) => s + (r.spend ?? 0), 0);
      expect(models.find((m: any) => m.model === model).total_spend).toBeCloseTo(sum, 9);
    }
    // Days outside the range are not in it.
    expect(await get('/spend/report?start_date=2001-01-01&end_date=2001-01-02')).toEqual([]);
  });

  it('refuses a key over its max_budget with 429 insufficient_quota budget_exceeded, before any upstream call', async () => {
    // 0.05 USD: the first call (0.033) fits, the second starts under the budget and ends over it, the third is refused.
    const k = await generate({ max_budget: 0.05 });
    await chat(k.key, 'budgeted');
    await chat(k.key, 'budgeted');
    const before = upstream.requests.length;
    const r = await refusal(chat(k.key, 'budgeted'));
    expect(r).toMatchObject({ status: 429, type: 'insufficient_quota', code: 'budget_exceeded' });
    expect(r.message).toContain('max_budget 0.05');
    expect(upstream.requests.length - before).toBe(0);
    // The master key and other keys go on.
    await chat(MASTER, 'budgeted');
    await chat((await generate({})).key, 'budgeted');
    // A raised budget lets it call again at once.
    await post('/key/update', { key: k.token, max_budget: 1 });
    await chat(k.key, 'budgeted');
  });

  it('refuses every key of a team over the team’s max_budget', async () => {
    const team = await post('/team/new', { team_alias: 'budget-team', max_budget: 0.04 });
    const a = await generate({ team_id: team.team_id });
    const b = await generate({ team_id: team.team_id, max_budget: 100 });
    await chat(a.key, 'budgeted');
    await chat(b.key, 'budgeted');
    const before = upstream.requests.length;
    for (const k of [a, b]) {
      const r = await refusal(chat(k.key, 'budgeted'));
      expect(r).toMatchObject({ status: 429, type: 'insufficient_quota', code: 'budget_exceeded' });
      expect(r.message).toContain(`team ${team.team_id}`);
    }
    expect(upstream.requests.length - before).toBe(0);
  });

  it('resets spend every budget_duration: Retry-After says when, and the key calls again then', async () => {
    const k = await generate({ max_budget: 0.01, budget_duration: '4s' });
    const firstReset = new Date(k.budget_reset_at).getTime();
    await chat(k.key, 'budgeted');
    const r = await refusal(chat(k.key, 'budgeted'));
    expect(r).toMatchObject({ status: 429, code: 'budget_exceeded' });
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(r.retryAfter)).toBeLessThanOrEqual(4);
    // Waits as told, then tries a few times (the Retry-After is whole seconds).
    await sleep(Number(r.retryAfter) * 1000 - 500);
    const callsAgain = async () => {
      if (
        await chat(k.key, 'budgeted').then(
          () => true,
          () => false,
        )
      )
        return true;
      await sleep(100);
      return false;
    };
    await waitFor(callsAgain, 8_000);
    expect(Date.now()).toBeGreaterThanOrEqual(firstReset);
    // Once the new period is in the database (and the new call's row: rows and counters are one transaction),
    // the counter holds the new period's spend: the call just made, not the old period's, nor 0.
    await waitFor(async () => (await rowsOf(k.token, 2)).filter((row) => row.spend > 0).length === 2, 5_000);
    await waitFor(async () => new Date((await get(`/key/info?key=${k.token}`)).info.budget_reset_at).getTime() > firstReset, 10_000);
    const info = (await get(`/key/info?key=${k.token}`)).info;
    // One period on: the schedule keeps its boundaries.
    expect(new Date(info.budget_reset_at).getTime()).toBe(firstReset + 4_000);
    expect(info.spend).toBeCloseTo(COST, 9);
    expect(await refusal(chat(k.key, 'budgeted'))).toMatchObject({ status: 429, code: 'budget_exceeded' });
  }, 30_000);

  it('lets concurrent calls overshoot a budget by at most the calls in flight', async () => {
    // One priced call first, so the gateway knows what a call to this model costs.
    await chat((await generate({})).key, 'budgeted');
    const budget = 0.1; // three calls and a bit
    const k = await generate({ max_budget: budget });
    upstream.on(
      (req) => req.json?.model === 'budgeted-upstream' && req.json?.messages?.[0]?.content === 'slow',
      (req) => ({ delayMs: 400, json: answer(req.json.model) }),
    );
    const before = upstream.requests.length;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => chat(k.key, 'budgeted', 'slow')));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as InstanceType<typeof OpenAI.APIError>);
    expect(ok).toBeGreaterThanOrEqual(1);
    for (const err of refused) expect([err.status, (err.error as any)?.code]).toEqual([429, 'budget_exceeded']);
    expect(upstream.requests.length - before).toBe(ok);
    // Reservations held the others back: spend ends within one call of the budget.
    expect(ok * COST).toBeLessThan(budget + COST + 1e-9);
    await rowsOf(k.token, ok);
    await waitFor(async () => Math.abs((await keySpend(k.token)) - ok * COST) < 1e-9, 5_000);
    expect(await refusal(chat(k.key, 'budgeted'))).toMatchObject({ status: 429, code: 'budget_exceeded' });
  });

  it('keeps the spend and the budget through regenerate (old key 401, new key refused once over)', async () => {
    const k = await generate({ key_alias: 'regen-spend', max_budget: 0.05 });
    await chat(k.key, 'budgeted');
    await waitFor(async () => (await keySpend(k.token)) > 0, 5_000);
    const fresh = await post('/key/regenerate', { key: k.token });
    secrets.push(fresh.key);
    expect(fresh.spend).toBeCloseTo(COST, 9);
    expect(await refusal(chat(k.key, 'budgeted'))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    await chat(fresh.key, 'budgeted'); // 0.033 < 0.05
    expect(await refusal(chat(fresh.key, 'budgeted'))).toMatchObject({ status: 429, code: 'budget_exceeded' });
    await rowsOf(fresh.token, 1);
  });

  it('counts the spend of calls made just before a regenerate toward the regenerated key', async () => {
    const k = await generate({ key_alias: 'regen-race' });
    for (let i = 0; i < 3; i++) await chat(k.key, 'priced');
    // At once: the rows are still waiting to be written.
    const fresh = await post('/key/regenerate', { key: k.token });
    secrets.push(fresh.key);
    await chat(fresh.key, 'priced');
    await rowsOf(fresh.token, 1);
    await waitFor(async () => Math.abs((await keySpend(fresh.token)) - 4 * COST) < 1e-9, 5_000);
  });

  it('refuses expired, blocked, deleted and team-deleted keys with 401 before any upstream call, and leaves them no spend', async () => {
    const team = await post('/team/new', { team_alias: 'to-go' });
    const expiring = await generate({ duration: '1s' });
    const blocked = await generate({});
    const deleted = await generate({});
    const inTeam = await generate({ team_id: team.team_id });
    for (const k of [expiring, blocked, deleted, inTeam]) await chat(k.key); // cached now
    await post('/key/block', { key: blocked.token });
    await post('/key/delete', { keys: [deleted.token] });
    await post('/team/delete', { team_ids: [team.team_id] });
    await sleep(Math.max(0, new Date(expiring.expires).getTime() - Date.now() + 50));
    const before = upstream.requests.length;
    for (const [k, code] of [
      [expiring, 'key_expired'],
      [blocked, 'key_blocked'],
      [deleted, 'invalid_api_key'],
      [inTeam, 'invalid_api_key'],
    ] as const) {
      expect(await refusal(chat(k.key))).toMatchObject({ status: 401, type: 'authentication_error', code });
    }
    expect(upstream.requests.length - before).toBe(0);
    await sleep(1_200); // a flush interval: a row of the refused calls would be written by now
    for (const k of [expiring, blocked, deleted, inTeam]) expect((await get(`/spend/logs?api_key=${k.token}`)).total).toBe(1);
  });

  it('shows no key after generation: not in logs, sink events, spend logs, key list or the admin page', async () => {
    const k = await generate({ key_alias: 'hunted' });
    await chat(k.key);
    // An admin script asking about a key by the key itself.
    expect((await get(`/key/info?key=${encodeURIComponent(k.key)}`)).info.key_alias).toBe('hunted');
    await rowsOf(k.token, 1);
    await waitFor(() => readFileSync(sinkFile, 'utf8').includes('"key_alias":"hunted"'), 5_000);
    expect(secrets.length).toBeGreaterThan(10);
    const sink = readFileSync(sinkFile, 'utf8');
    const event = sink
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.key_alias === 'hunted');
    expect(event).toMatchObject({ key_alias: 'hunted', cost: expect.closeTo(COST, 12) });
    const access = logs.lines.find((l) => l.key_alias === 'hunted');
    expect(access).toMatchObject({ key_alias: 'hunted', cost: expect.closeTo(COST, 12) });
    const places: Record<string, string> = {
      logs: logs.text.join(''),
      sink,
      spendLogs: JSON.stringify(await get('/spend/logs?page_size=1000')),
      keyList: JSON.stringify(await get('/key/list?return_full_object=true&size=1000')),
      keyInfo: JSON.stringify(await get(`/key/info?key=${k.token}`)),
      report: JSON.stringify(await get(`/spend/report?start_date=${today()}&end_date=${today()}&group_by=key`)),
      admin: await (await fetch(`${gw.url}/admin`, { headers: admin })).text(),
    };
    expect(places.logs.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      for (const [where, text] of Object.entries(places)) {
        expect([where, text.includes(secret) || text.includes(encodeURIComponent(secret))]).toEqual([where, false]);
      }
    }
  });
});

function answer(model: string) {
  return {
    id: 'chatcmpl-slow',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'slow' }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: PROMPT, completion_tokens: COMPLETION, total_tokens: PROMPT + COMPLETION },
  };
}

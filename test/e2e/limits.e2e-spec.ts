import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, type StartedGateway } from '../support/gateway.harness';
import { TEST_DATABASES, type TestDatabase } from '../support/test-database';

const MASTER = 'sk-master-limits-e2e';
const admin = { authorization: `Bearer ${MASTER}` };

interface Refusal {
  status: number | undefined;
  type: string | undefined;
  code: string | undefined;
  message: string;
  retryAfter: string | null;
}

/** rpm_limit, tpm_limit and max_parallel_requests of keys and teams (SPEC 11), and the model allowlists, through the OpenAI SDK. */
describe.each(TEST_DATABASES)('key and team limits on %s', (_name, create) => {
  const upstream = new MockUpstream();
  let db: TestDatabase;
  let gw: StartedGateway;
  const post = async (path: string, body: object) => {
    const res = await rawPost(`${gw.url}${path}`, JSON.stringify(body), admin);
    expect(res.status).toBe(200);
    return res.json;
  };
  const generate = (body: object = {}) => post('/key/generate', body);
  const chat = (key: string, model = 'limited') => gw.client(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
  const refusal = async (p: Promise<unknown>): Promise<Refusal> => {
    const err = (await p.then(
      () => undefined,
      (e) => e,
    )) as InstanceType<typeof OpenAI.APIError> | undefined;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const body = err!.error as { type?: string; code?: string; message?: string } | undefined;
    return { status: err!.status, type: body?.type, code: body?.code, message: body?.message ?? '', retryAfter: err!.headers?.get('retry-after') ?? null };
  };
  /** What reached the provider since `from`. */
  const upstreamCalls = (from: number) => upstream.requests.length - from;
  const expectRateLimited = (r: Refusal, seconds: [number, number]) => {
    expect(r).toMatchObject({ status: 429, type: 'rate_limit_error' });
    expect(r.retryAfter).toMatch(/^\d+$/);
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(seconds[0]);
    expect(Number(r.retryAfter)).toBeLessThanOrEqual(seconds[1]);
  };

  beforeAll(async () => {
    await upstream.start();
    db = await create('limits');
    const deployment = (name: string) => ({
      model_name: name,
      litellm_params: { model: `openai/${name}-upstream`, api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-limits' },
    });
    gw = await startGateway({
      model_list: [deployment('limited'), deployment('other'), deployment('third')],
      router_settings: { num_retries: 0 },
      general_settings: { master_key: MASTER, ...db.settings },
    });
    // The embedded database opens on first use, which takes seconds: not inside a test's time.
    expect((await fetch(`${gw.url}/team/list`, { headers: admin })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await db?.drop();
  });

  it('refuses the call over a key’s rpm_limit with 429 rate_limit_error and Retry-After, before any upstream call', async () => {
    const k = await generate({ rpm_limit: 2 });
    await chat(k.key);
    await chat(k.key);
    const before = upstream.requests.length;
    const r = await refusal(chat(k.key));
    expectRateLimited(r, [1, 60]);
    expect(r.code).toBe('rpm_limit_exceeded');
    expect(r.message).toContain('rpm_limit 2');
    expect(upstreamCalls(before)).toBe(0);
    // Another key is not affected.
    await chat((await generate({ rpm_limit: 2 })).key);
  });

  it('refuses the call once a key’s tpm_limit is used up by earlier calls', async () => {
    // The mock answers each call with 21 tokens: the first two fit under 30, the third is over.
    const k = await generate({ tpm_limit: 30 });
    await chat(k.key);
    await chat(k.key);
    const before = upstream.requests.length;
    const r = await refusal(chat(k.key));
    expectRateLimited(r, [1, 60]);
    expect(r.code).toBe('tpm_limit_exceeded');
    expect(upstreamCalls(before)).toBe(0);
  });

  it('allows max_parallel_requests calls at once, refuses the rest, and frees the slots when they end', async () => {
    const k = await generate({ max_parallel_requests: 2 });
    upstream.on((req) => req.json?.model === 'limited-upstream' && req.json?.messages?.[0]?.content === 'slow', { delayMs: 600, ...slowAnswer() });
    const client = gw.client(k.key);
    const before = upstream.requests.length;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => client.chat.completions.create({ model: 'limited', messages: [{ role: 'user', content: 'slow' }] })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = await Promise.all(results.filter((r) => r.status === 'rejected').map((r) => refusal(Promise.reject((r as PromiseRejectedResult).reason))));
    expect(ok).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expectRateLimited(r, [1, 60]);
      expect(r.code).toBe('max_parallel_requests_exceeded');
    }
    expect(upstreamCalls(before)).toBe(2);
    // Both slots are free again.
    await Promise.all([chat(k.key), chat(k.key)]);
  });

  it('counts a team’s rpm_limit over all its keys', async () => {
    const team = await post('/team/new', { team_alias: 'rpm-team', rpm_limit: 3 });
    const a = await generate({ team_id: team.team_id });
    const b = await generate({ team_id: team.team_id });
    await chat(a.key);
    await chat(b.key);
    await chat(a.key);
    const before = upstream.requests.length;
    const r = await refusal(chat(b.key));
    expectRateLimited(r, [1, 60]);
    expect(r.message).toContain(`team ${team.team_id}`);
    expect(upstreamCalls(before)).toBe(0);
    // A key outside the team still calls.
    await chat((await generate({})).key);
  });

  it('counts a team’s tpm_limit over all its keys', async () => {
    const team = await post('/team/new', { team_alias: 'tpm-team', tpm_limit: 40 });
    const a = await generate({ team_id: team.team_id });
    const b = await generate({ team_id: team.team_id });
    await chat(a.key);
    await chat(b.key);
    const r = await refusal(chat(a.key));
    expectRateLimited(r, [1, 60]);
    expect(r.code).toBe('tpm_limit_exceeded');
    expect(r.message).toContain(`team ${team.team_id}`);
  });

  it('applies the key ∩ team allowlist on every model route, before any upstream call', async () => {
    const team = await post('/team/new', { team_alias: 'allow-team', models: ['limited', 'other'] });
    const k = await generate({ team_id: team.team_id, models: ['other', 'third'] });
    const client = gw.client(k.key);
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['other']);
    await client.chat.completions.create({ model: 'other', messages: [{ role: 'user', content: 'hi' }] });
    const before = upstream.requests.length;
    for (const model of ['limited', 'third']) {
      expect(await refusal(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }))).toMatchObject({
        status: 403,
        type: 'permission_error',
        code: 'model_not_allowed',
      });
      expect(await refusal(client.embeddings.create({ model, input: 'hi' }))).toMatchObject({ status: 403, code: 'model_not_allowed' });
      expect(await refusal(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], stream: true }))).toMatchObject({
        status: 403,
        code: 'model_not_allowed',
      });
    }
    // The Azure client route names the model in the path.
    const azure = await rawPost(
      `${gw.url}/openai/deployments/third/chat/completions?api-version=2024-10-21`,
      JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      {
        'api-key': k.key,
      },
    );
    expect([azure.status, azure.json?.error?.code]).toEqual([403, 'model_not_allowed']);
    expect(upstreamCalls(before)).toBe(0);
  });

  it('does not limit the master key', async () => {
    for (let i = 0; i < 5; i++) await chat(MASTER);
  });
});

/** The mock's default chat answer, with its usage (the scripted one replaces only the timing). */
function slowAnswer() {
  return {
    json: {
      id: 'chatcmpl-slow',
      object: 'chat.completion',
      created: 1700000000,
      model: 'limited-upstream',
      choices: [{ index: 0, message: { role: 'assistant', content: 'slow' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
    },
  };
}

import OpenAI from 'openai';
import { MockUpstream, type RecordedRequest } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-routing';
const serverError = { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } };
const to = (prefix: string) => (r: RecordedRequest) => r.path.startsWith(`/${prefix}/`);

/** Waits out the last seconds of a minute, so rpm counters (one-minute windows) do not reset mid-test. */
async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 54_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

describe('routing: retries, cooldowns, limits (real app, mock provider)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  const base = (prefix: string) => `${upstream.url}/${prefix}/v1`;
  const dep = (model: string, prefix: string, extra: object = {}) => ({
    model_name: model,
    litellm_params: { model: `openai/${prefix}`, api_base: base(prefix), api_key: `sk-${prefix}`, ...extra },
    model_info: { id: prefix },
  });
  const ask = (model: string, extra: object = {}) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra } as any).withResponse();
  const askError = (model: string, extra: object = {}) =>
    ask(model, extra).then(
      () => {
        throw new Error('expected an error');
      },
      (e) => e as InstanceType<typeof OpenAI.APIError> & { headers: Record<string, string>; error: { message: string; [k: string]: unknown } },
    );
  const sent = (prefix: string) => upstream.requests.filter(to(prefix)).length;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          dep('pair', 'pair-a'),
          dep('pair', 'pair-b'),
          dep('spair', 'spair-a'),
          dep('spair', 'spair-b'),
          dep('single', 'single', { rpm: 1000 }),
          dep('single-ms', 'single-ms'),
          dep('flaky', 'flaky'),
          dep('strict', 'strict'),
          dep('limited', 'lim-a', { rpm: 1 }),
          dep('limited', 'lim-b', { rpm: 1 }),
          dep('tokens', 'tok', { tpm: 30 }),
          dep('keyless', 'keyless', { api_key: 'os.environ/ROUTING_E2E_UNSET_KEY' }),
          dep('keyless', 'keyed'),
        ],
        router_settings: { num_retries: 2, allowed_fails: 1, cooldown_time: 1 },
        general_settings: { master_key: MASTER },
      },
      { apiKey: MASTER },
    );
    client = gw.client();
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it('succeeds through a retry: the first deployment answers 500, the other one serves (x-gateway-attempts: 2)', async () => {
    upstream.on(() => true, serverError, 1);
    const { data, response } = await ask('pair');
    expect(data.choices[0].message.content).toBe('echo: hi');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    const [first, second] = upstream.requests;
    expect(first.path).not.toBe(second.path); // the retry went to the other deployment
    expect(response.headers.get('x-gateway-deployment')).toBe(second.path.split('/')[1]);
    expect(response.headers.get('x-gateway-fallback')).toBeNull();
  });

  it("honours the provider's Retry-After before calling the same deployment again", async () => {
    upstream.on(to('single'), { status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'Rate limit reached', type: 'requests' } } }, 1);
    const started = Date.now();
    const { response } = await ask('single');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    expect(sent('single')).toBe(2);
  });

  it('honours retry-after-ms too', async () => {
    upstream.on(to('single-ms'), { status: 503, headers: { 'retry-after-ms': '400' }, json: { error: { message: 'overloaded' } } }, 1);
    const started = Date.now();
    await ask('single-ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('never retries a 400', async () => {
    upstream.on(to('strict'), { status: 400, json: { error: { message: 'Invalid value for temperature', type: 'invalid_request_error', param: 'temperature', code: null } } });
    const e = await askError('strict');
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.error).toMatchObject({ type: 'invalid_request_error', message: 'Invalid value for temperature' });
    expect(sent('strict')).toBe(1);
  });

  it("cools a deployment down after allowed_fails failures (the next one), answers 503 with Retry-After before any call, and recovers after cooldown_time", async () => {
    upstream.on(to('flaky'), serverError);
    const first = await askError('flaky', { num_retries: 0 }); // failure 1: tolerated (allowed_fails 1)
    expect(first.status).toBe(502);
    const second = await askError('flaky', { num_retries: 0 }); // failure 2: cools down
    expect(second.status).toBe(502);
    expect(second.error).toMatchObject({ type: 'api_error', message: 'The server had an error' });
    expect(sent('flaky')).toBe(2);

    const out = await askError('flaky');
    expect(out).toBeInstanceOf(OpenAI.InternalServerError);
    expect(out.status).toBe(503);
    expect(out.error).toMatchObject({ type: 'api_error', code: 'no_deployment_available' });
    expect(out.headers.get('retry-after')).toBe('1');
    expect(sent('flaky')).toBe(2); // nothing was sent while it cooled down
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_deployments_in_cooldown [1-9]/m);
    expect(metrics).toMatch(/^gateway_cooldowns_total\{deployment="flaky"\} 1$/m);

    upstream.reset(); // the provider is healthy again
    await new Promise((r) => setTimeout(r, 1100));
    const { response } = await ask('flaky');
    expect(response.headers.get('x-gateway-deployment')).toBe('flaky');
    expect(sent('flaky')).toBe(1);
  });

  it('answers the last upstream error, mapped, when retries run out (a 429 stays a 429 with its Retry-After)', async () => {
    const pair = (r: RecordedRequest) => r.path.startsWith('/pair-');
    upstream.on(pair, { status: 429, headers: { 'retry-after': '7' }, json: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const e = await askError('pair', { num_retries: 1 });
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.headers.get('retry-after')).toBe('7');
    expect(upstream.requests.filter(pair)).toHaveLength(2);
  });

  it('enforces rpm: a deployment at its limit is skipped; 429 with Retry-After, nothing sent, when all are', async () => {
    await awayFromMinuteEnd();
    const one = await ask('limited');
    const two = await ask('limited');
    expect(new Set([one.response.headers.get('x-gateway-deployment'), two.response.headers.get('x-gateway-deployment')])).toEqual(new Set(['lim-a', 'lim-b']));
    const e = await askError('limited');
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.error).toMatchObject({ type: 'rate_limit_error', code: 'deployment_rate_limited' });
    expect(Number(e.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(e.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(upstream.requests).toHaveLength(2);
  });

  it('enforces tpm with the tokens of the answers', async () => {
    await awayFromMinuteEnd();
    await ask('tokens'); // the mock's usage: 21 tokens
    await ask('tokens'); // 42 ≥ 30 after this one
    const e = await askError('tokens');
    expect(e.status).toBe(429);
    expect(e.error.message).toContain('at tpm limit (42/30)');
  });

  it('a deployment with an unset key variable is skipped (no upstream call, not an attempt)', async () => {
    for (let i = 0; i < 4; i++) {
      const { response } = await ask('keyless');
      expect(response.headers.get('x-gateway-deployment')).toBe('keyed');
      expect(response.headers.get('x-gateway-attempts')).toBe('1');
    }
    expect(sent('keyless')).toBe(0);
  });

  it('streams through a retry: an error before the first chunk is retried on the other deployment', async () => {
    upstream.on(() => true, serverError, 1);
    const res = await rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'spair', stream: true, messages: [{ role: 'user', content: 'hi' }] }), {
      authorization: `Bearer ${MASTER}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-attempts')).toBe('2');
    expect(res.text).toContain('data: [DONE]');
    expect(upstream.requests[0].path).not.toBe(upstream.requests[1].path);
  });
});

describe('routing: timeouts', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  const post = (body: object) =>
    rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }), { authorization: `Bearer ${MASTER}` });

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway({
      model_list: [
        { model_name: 'slow', litellm_params: { model: 'openai/slow', api_base: `${upstream.url}/slow-a/v1`, api_key: 'k', timeout: 30 } },
        { model_name: 'slow', litellm_params: { model: 'openai/slow', api_base: `${upstream.url}/slow-b/v1`, api_key: 'k', timeout: 30 } },
      ],
      router_settings: { timeout: 1.5, stream_timeout: 0.5, num_retries: 5, allowed_fails: 100, cooldown_time: 0 },
      general_settings: { master_key: MASTER },
    });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it('router timeout bounds the whole call, retries included', async () => {
    upstream.on(() => true, { stall: true });
    const started = Date.now();
    const res = await post({ model: 'slow' });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(408);
    expect(res.json.error.type).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a slow first attempt leaves the retry only what is left of the router timeout', async () => {
    upstream.on(() => true, { delayMs: 1000, status: 500, json: { error: { message: 'late failure' } } }, 1);
    upstream.on(() => true, { stall: true });
    const started = Date.now();
    const res = await post({ model: 'slow' });
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(upstream.requests.length).toBe(2);
  });

  it('stream_timeout bounds the wait for the first chunk (a JSON 408 before any chunk)', async () => {
    upstream.on(() => true, { stall: true });
    const started = Date.now();
    const res = await post({ model: 'slow', stream: true, num_retries: 0 });
    expect(Date.now() - started).toBeLessThan(1400); // stream_timeout 0.5 s, not the router's 1.5 s
    expect(res.status).toBe(408);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json.error.type).toBe('timeout');
  });

  it("the request's own timeout replaces the router's", async () => {
    upstream.on(() => true, { stall: true });
    const started = Date.now();
    const res = await post({ model: 'slow', timeout: 0.4 });
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(1200);
  });
});

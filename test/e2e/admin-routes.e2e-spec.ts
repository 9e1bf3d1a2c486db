import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-admin-routes';
const admin = { authorization: `Bearer ${MASTER}` };
const SECRETS = ['sk-secret-a', 'sk-secret-b', 'sk-secret-cool', 'sk-secret-lim', 'pw-in-url', 'sk-query-secret', MASTER];

/** Waits out the last seconds of a minute, so rpm counters (one-minute windows) do not reset mid-test. */
async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

describe('admin: GET /admin/routes, POST /admin/routes/explain, x-gateway-route', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  const base = (prefix: string) => `${upstream.url}/${prefix}/v1`;
  const chat = (model: string, extra: object = {}, headers: Record<string, string> = {}) =>
    rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }), { ...admin, ...headers });
  const explain = (body: object, headers: Record<string, string> = admin) => rawPost(`${gw.url}/admin/routes/explain`, JSON.stringify(body), headers);
  const routes = async (): Promise<any> => (await fetch(`${gw.url}/admin/routes`, { headers: admin })).json();

  /** Calls `model` until `prefix` has been called once (weights make it the likely first pick). */
  async function hit(model: string, prefix: string): Promise<void> {
    for (let i = 0; i < 30 && !upstream.requests.some((r) => r.path.startsWith(`/${prefix}/`)); i++) await chat(model);
    expect(upstream.requests.some((r) => r.path.startsWith(`/${prefix}/`))).toBe(true);
  }

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: base('a'), api_key: 'sk-secret-a', weight: 2, rpm: 100, tpm: 50000 }, model_info: { id: 'oa-a' } },
          { model_name: 'gpt-4o', litellm_params: { model: 'azure/gpt4o-eu', api_base: base('b'), api_key: 'sk-secret-b', api_version: '2024-06-01', extra_headers: { 'x-secret': 'sk-secret-b' } }, model_info: { id: 'az-b', max_input_tokens: 8 } },
          { model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', mock_response: 'mini here' }, model_info: { id: 'mini-1' } },
          { model_name: 'cool', litellm_params: { model: 'openai/c1', api_base: base('cool1'), api_key: 'sk-secret-cool', weight: 1000 }, model_info: { id: 'cool-1' } },
          { model_name: 'cool', litellm_params: { model: 'openai/c2', api_base: base('cool2'), api_key: 'sk-secret-cool', weight: 1 }, model_info: { id: 'cool-2' } },
          { model_name: 'limited', litellm_params: { model: 'openai/l1', api_base: base('lim1'), api_key: 'sk-secret-lim', rpm: 1, weight: 1000 }, model_info: { id: 'lim-1' } },
          { model_name: 'limited', litellm_params: { model: 'openai/l2', api_base: base('lim2'), api_key: 'sk-secret-lim', weight: 1 }, model_info: { id: 'lim-2' } },
          { model_name: 'solo', litellm_params: { model: 'openai/s', api_base: base('solo'), api_key: 'sk-secret-a' }, model_info: { id: 'solo-1' } },
          { model_name: 'display', litellm_params: { model: 'openai/d', api_base: `http://user:pw-in-url@127.0.0.1:9/d/v1?key=sk-query-secret`, api_key: 'os.environ/ADMIN_E2E_UNSET' }, model_info: { id: 'disp-1' } },
        ],
        router_settings: {
          routing_strategy: 'simple-shuffle',
          num_retries: 0,
          allowed_fails: 0,
          cooldown_time: 60,
          fallbacks: [{ 'gpt-4o': ['gpt-4o-mini'] }],
          context_window_fallbacks: [{ 'gpt-4o': ['gpt-4o-big'] }],
          default_fallbacks: ['gpt-4o-mini'],
        },
        general_settings: { master_key: MASTER },
      },
      { apiKey: MASTER },
    );
    upstream.on('/cool1/', { status: 500, json: { error: { message: 'down', type: 'server_error' } } });
    upstream.on('/solo/', { status: 500, json: { error: { message: 'down', type: 'server_error' } } });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });

  it('needs the master key: 401 without a key or with a wrong one', async () => {
    const none = await fetch(`${gw.url}/admin/routes`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.type).toBe('authentication_error');
    const wrong = await fetch(`${gw.url}/admin/routes`, { headers: { authorization: 'Bearer sk-nope' } });
    expect(wrong.status).toBe(401);
    const ex = await explain({ model: 'gpt-4o' }, { authorization: 'Bearer sk-nope' });
    expect(ex.status).toBe(401);
    expect((await fetch(`${gw.url}/admin/routes`, { headers: { 'api-key': MASTER } })).status).toBe(200);
  });

  it('lists every model with its deployments, live state and fallbacks', async () => {
    const view = await routes();
    expect(view.generated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(view.router).toEqual({ routing_strategy: 'simple-shuffle', num_retries: 0, allowed_fails: 0, cooldown_seconds: 60, timeout_seconds: null, stream_timeout_seconds: null });
    expect(view.models.map((m: any) => m.model_name)).toEqual(['gpt-4o', 'gpt-4o-mini', 'cool', 'limited', 'solo', 'display']);
    const gpt4o = view.models[0];
    expect(gpt4o.deployments[0]).toEqual({
      id: 'oa-a',
      provider: 'openai',
      upstream_model: 'gpt-4o',
      api_base: base('a'),
      weight: 2,
      limits: { rpm: 100, tpm: 50000 },
      usage: { rpm: expect.any(Number), tpm: expect.any(Number) },
      in_flight: 0,
      cooldown: { active: false, until: null, remaining_seconds: 0 },
      recent_failures: 0,
      latency_ms: { mean: null, p50: null, p95: null },
      max_input_tokens: null,
      missing_env: [],
      available: true,
      status_reason: 'available',
    });
    expect(gpt4o.deployments[1]).toMatchObject({ id: 'az-b', provider: 'azure', upstream_model: 'gpt4o-eu', weight: null, limits: { rpm: null, tpm: null }, max_input_tokens: 8 });
    expect(gpt4o.fallbacks).toEqual({ general: ['gpt-4o-mini'], context_window: ['gpt-4o-big'], content_policy: ['gpt-4o-mini'], default: ['gpt-4o-mini'] });
    expect(view.models[1].deployments[0]).toMatchObject({ id: 'mini-1', provider: 'mock', api_base: null });
    expect(view.models[1].fallbacks.general).toEqual(['gpt-4o-mini']); // default_fallbacks apply to every model without its own list
  });

  it('never shows a secret: no key, no extra header, no user:password or query in api_base', async () => {
    const res = await fetch(`${gw.url}/admin/routes`, { headers: admin });
    const text = await res.text();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const display = JSON.parse(text).models.find((m: any) => m.model_name === 'display').deployments[0];
    expect(display.api_base).toBe('http://127.0.0.1:9/d/v1');
    expect(display.missing_env).toEqual(['ADMIN_E2E_UNSET']);
  });

  it('shows latency and usage once calls were made', async () => {
    await chat('gpt-4o-mini');
    const mini = (await routes()).models[1].deployments[0];
    expect(mini.usage.rpm).toBeGreaterThanOrEqual(1);
    expect(mini.latency_ms.p50).toEqual(expect.any(Number));
    expect(mini.latency_ms.p95).toEqual(expect.any(Number));
  });

  it('explains a cooling-down deployment: dropped with until when, the other picked, no upstream call', async () => {
    await hit('cool', 'cool1');
    const before = upstream.requests.length;
    const res = await explain({ model: 'cool', messages: [{ role: 'user', content: 'hello' }] });
    expect(res.status).toBe(200);
    expect(upstream.requests.length).toBe(before);
    const ex = res.json;
    expect(ex).toMatchObject({ model: 'cool', routing_strategy: 'simple-shuffle', prompt_tokens_estimate: 2, pick: { id: 'cool-2', reason: 'simple-shuffle by weight: 100% chance' }, no_pick_error: null });
    const [c1, c2] = ex.candidates;
    expect(c1).toMatchObject({ id: 'cool-1', kept: false, picked: false, drop: 'cooldown' });
    expect(c1.reason).toMatch(/^cooling down until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(c2).toMatchObject({ id: 'cool-2', kept: true, picked: true, drop: null, reason: 'picked: simple-shuffle by weight: 100% chance' });
    const listed = (await routes()).models.find((m: any) => m.model_name === 'cool').deployments[0];
    expect(listed).toMatchObject({ available: false, cooldown: { active: true, until: expect.any(String) } });
    expect(listed.cooldown.remaining_seconds).toBeGreaterThan(50);
  });

  it('explains an rpm-limited deployment', async () => {
    await awayFromMinuteEnd();
    await hit('limited', 'lim1');
    const ex = (await explain({ model: 'limited' })).json;
    expect(ex.candidates[0]).toMatchObject({ id: 'lim-1', kept: false, drop: 'rpm_limit', reason: 'at rpm limit (1/1)' });
    expect(ex.pick.id).toBe('lim-2');
    expect(ex.prompt_tokens_estimate).toBeNull();
  });

  it('explains a prompt over a context window, and a kept candidate the strategy did not pick', async () => {
    const long = (await explain({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(400) }] })).json;
    expect(long.candidates[1]).toMatchObject({ id: 'az-b', kept: false, drop: 'context_window', reason: 'over context window (~100 > 8 tokens)' });
    expect(long.pick.id).toBe('oa-a');
    const short = (await explain({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })).json;
    const notPicked = short.candidates.find((c: any) => !c.picked);
    expect(notPicked.kept).toBe(true);
    expect(notPicked.reason).toMatch(/^available; simple-shuffle picked another \(weight \d: \d+% chance\)$/);
    expect(notPicked.strategy_view).toMatch(/^weight \d: \d+% chance$/);
  });

  it('explains a model with no deployment available: the error it would get, and the fallback chain', async () => {
    await chat('solo'); // fails, cools down (allowed_fails 0), then falls back to default_fallbacks
    const ex = (await explain({ model: 'solo' })).json;
    expect(ex.pick).toBeNull();
    expect(ex.no_pick_error).toMatchObject({ status: 503, type: 'api_error', code: 'no_deployment_available', retry_after_seconds: expect.any(Number) });
    expect(ex.fallbacks).toMatchObject({ disabled: false, on_error: ['gpt-4o-mini'], chain: [{ model: 'gpt-4o-mini', exists: true, available: 1, pick: { id: 'mini-1' } }] });
  });

  it("reflects the request's fallbacks and disable_fallbacks; a missing fallback model is shown as such", async () => {
    const own = (await explain({ model: 'gpt-4o', fallbacks: ['nope', 'cool', 'gpt-4o'] })).json;
    expect(own.fallbacks.on_error).toEqual(['nope', 'cool', 'gpt-4o']);
    expect(own.fallbacks.on_context_window).toEqual(['gpt-4o-big']);
    expect(own.fallbacks.chain).toEqual([
      { model: 'nope', exists: false, pick: null, available: 0 },
      { model: 'cool', exists: true, pick: { id: 'cool-2', reason: expect.any(String) }, available: 1 },
    ]);
    const off = (await explain({ model: 'gpt-4o', disable_fallbacks: true })).json;
    expect(off.fallbacks).toEqual({ disabled: true, on_error: [], on_context_window: [], on_content_policy: [], chain: [] });
  });

  it('answers 404 for an unknown model and 400 naming the field for a bad body', async () => {
    const unknown = await explain({ model: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    const missing = await explain({ messages: [] });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    const bad = await explain({ model: 'gpt-4o', fallbacks: 'gpt-4o-mini' });
    expect(bad.json.error.param).toBe('fallbacks');
  });

  it('x-gateway-route: the route in short for the admin with x-gateway-debug, on success, error and stream', async () => {
    const plain = await chat('gpt-4o-mini');
    expect(plain.headers.get('x-gateway-route')).toBeNull();
    const debug = await chat('gpt-4o-mini', {}, { 'x-gateway-debug': 'true' });
    expect(debug.status).toBe(200);
    expect(debug.headers.get('x-gateway-route')).toBe('model=gpt-4o-mini strategy=simple-shuffle; mini-1: kept; pick mini-1 (simple-shuffle by equal weights: 100% chance); mini-1 -> ok');
    const failed = await chat('cool', { disable_fallbacks: true, fallbacks: [] }, { 'x-gateway-debug': 'true' });
    expect(failed.status).toBe(200); // cool-2 serves
    expect(failed.headers.get('x-gateway-route')).toMatch(/cool-1: cooling down until [^,]+Z, cool-2: kept; pick cool-2/);
    const out = await chat('solo', { disable_fallbacks: true }, { 'x-gateway-debug': 'true' });
    expect(out.status).toBe(503);
    expect(out.headers.get('x-gateway-route')).toMatch(/^model=solo .*solo-1: cooling down until .*; fallbacks disabled$/);
    const stream = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json', 'x-gateway-debug': 'true' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('x-gateway-route')).toContain('pick mini-1');
    await stream.text();
    for (const s of SECRETS) expect(debug.headers.get('x-gateway-route')).not.toContain(s);
  });
});

describe('admin routes without a master key', () => {
  let gw: StartedGateway;
  beforeAll(async () => {
    gw = await startGateway({ model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m', mock_response: 'hi' } }] });
  });
  afterAll(() => gw.close());

  it('refuses admin routes (403) and ignores x-gateway-debug: nobody is the admin', async () => {
    const res = await fetch(`${gw.url}/admin/routes`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error).toMatchObject({ type: 'permission_error', code: 'admin_disabled' });
    const chat = await rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), {
      'x-gateway-debug': 'true',
      authorization: 'Bearer anything',
    });
    expect(chat.status).toBe(200);
    expect(chat.headers.get('x-gateway-route')).toBeNull();
  });
});

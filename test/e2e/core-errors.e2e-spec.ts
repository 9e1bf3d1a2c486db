import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-errors';

/** Every row of SPEC 5 this layer can reach, as the OpenAI SDK sees it. */
describe('core gateway: the error table (OpenAI SDK error classes)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  const ask = (model = 'gpt-4o', extra: object = {}) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }], ...extra } as any).then(
      () => {
        throw new Error('expected an error');
      },
      (e) => e,
    );

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: 'sk-dep-secret-1', timeout: 0.5 } },
          { model_name: 'down', litellm_params: { model: 'openai/x', api_base: 'http://127.0.0.1:9/v1', api_key: 'k' } },
          { model_name: 'no-key', litellm_params: { model: 'openai/x', api_base: `${upstream.url}/v1`, api_key: 'os.environ/E2E_UNSET_KEY_VAR' } },
        ],
        // No retries and no cooldowns: each test sees exactly one upstream answer.
        router_settings: { num_retries: 0, cooldown_time: 0 },
        general_settings: { master_key: MASTER, max_request_size_mb: 0.01 },
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

  it('401 authentication_error without a key, with a wrong key; api-key header accepted', async () => {
    const noKey = await rawPost(`${gw.url}/v1/chat/completions`, '{}');
    expect(noKey.status).toBe(401);
    expect(noKey.json.error).toMatchObject({ type: 'authentication_error', code: 'missing_api_key' });
    const wrong = await gw.client('sk-wrong').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(wrong).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(wrong.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    const azureStyle = await rawPost(`${gw.url}/v1/models`.replace('/v1/models', '/v1/chat/completions'), JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), { 'api-key': MASTER });
    expect(azureStyle.status).toBe(200);
  });

  it('400 invalid_request_error for malformed JSON and for failed validation with the field named', async () => {
    const bad = await rawPost(`${gw.url}/chat/completions`, '{"model": ', { authorization: `Bearer ${MASTER}` });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    const e = await ask('gpt-4o', { temperature: 5 });
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.error).toMatchObject({ type: 'invalid_request_error', param: 'temperature' });
    const m = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 42 }] } as any).catch((x) => x);
    expect(m.error.param).toBe('messages[0].content');
    const missing = await rawPost(`${gw.url}/embeddings`, JSON.stringify({ model: 'gpt-4o' }), { authorization: `Bearer ${MASTER}` });
    expect(missing.json.error).toMatchObject({ param: 'input' });
  });

  it('404 model_not_found for an unknown model; 404 JSON for an unknown route', async () => {
    const e = await ask('no-such-model');
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.error).toMatchObject({ type: 'invalid_request_error', code: 'model_not_found', param: 'model' });
    const route = await fetch(`${gw.url}/v1/nope`, { headers: { authorization: `Bearer ${MASTER}` } });
    expect(route.status).toBe(404);
    expect(((await route.json()) as any).error.type).toBe('invalid_request_error');
  });

  it('413 when the body is over max_request_size_mb', async () => {
    const big = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'y'.repeat(20_000) }] });
    const res = await rawPost(`${gw.url}/chat/completions`, big, { authorization: `Bearer ${MASTER}` });
    expect(res.status).toBe(413);
    expect(res.json.error.type).toBe('invalid_request_error');
  });

  it('upstream context_length_exceeded → 400 with that code, provider message kept', async () => {
    upstream.on('/chat/completions', { status: 400, json: { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
    const e = await ask();
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.error).toMatchObject({ code: 'context_length_exceeded', message: expect.stringContaining('maximum context length') });
  });

  it('upstream 429 → 429 rate_limit_error with Retry-After', async () => {
    upstream.on('/chat/completions', { status: 429, headers: { 'retry-after': '12' }, json: { error: { message: 'Rate limit reached', type: 'requests' } } });
    const e = await ask();
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.headers.get('retry-after')).toBe('12');
    expect(e.error.type).toBe('rate_limit_error');
  });

  it('upstream 401 (provider rejected the key) → 401, and the deployment key never shows', async () => {
    upstream.on('/chat/completions', { status: 401, json: { error: { message: 'Incorrect API key provided: sk-dep-***-1', type: 'invalid_request_error', code: 'invalid_api_key' } } });
    const e = await ask();
    expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(JSON.stringify(e.error)).not.toContain('sk-dep-secret-1');
  });

  it('upstream 5xx, non-JSON answers and unreachable providers → 502 api_error', async () => {
    upstream.on('/chat/completions', { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } }, 1);
    const e500 = await ask();
    expect(e500).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e500.status).toBe(502);
    expect(e500.error).toMatchObject({ type: 'api_error', message: 'The server had an error' });
    upstream.on('/chat/completions', { status: 200, text: '<html>gateway page</html>' }, 1);
    const garbage = await ask();
    expect(garbage.status).toBe(502);
    const down = await ask('down');
    expect(down.status).toBe(502);
    expect(down.error.message).toContain('Could not reach openai');
  });

  it('upstream that stalls past the deployment timeout → 408 timeout', async () => {
    upstream.on('/chat/completions', { stall: true }, 1);
    const e = await ask();
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect(e.status).toBe(408);
    expect(e.error).toMatchObject({ type: 'timeout' });
  });

  it('a deployment whose key variable is unset answers 401 naming the variable', async () => {
    const e = await ask('no-key');
    expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(e.error.message).toContain('E2E_UNSET_KEY_VAR');
    expect(upstream.requests).toHaveLength(0);
  });

  it('client-side api_base is refused with 403 unless allowed; nothing is sent', async () => {
    const e = await ask('gpt-4o', { api_base: upstream.url + '/v1' });
    expect(e).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(e.error).toMatchObject({ type: 'permission_error', param: 'api_base' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('probes and metrics-free routes need no key; admin routes need the master key', async () => {
    expect((await fetch(`${gw.url}/health/liveliness`)).status).toBe(200);
    expect((await fetch(`${gw.url}/health/liveness`)).status).toBe(200);
    expect((await fetch(`${gw.url}/health/readiness`)).status).toBe(200);
    expect((await fetch(`${gw.url}/model/info`)).status).toBe(401);
    const info = await fetch(`${gw.url}/model/info`, { headers: { authorization: `Bearer ${MASTER}` } });
    const text = await info.text();
    expect(info.status).toBe(200);
    expect(text).toContain('gpt-4o');
    expect(text).not.toContain('sk-dep-secret-1');
  });
});

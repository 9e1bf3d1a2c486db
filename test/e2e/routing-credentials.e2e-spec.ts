import OpenAI from 'openai';
import { MockUpstream, type RecordedRequest } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-credentials';
const OWN_KEY = 'sk-deployment-own-secret';
const serverError = { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } };

/** The client-usage page's user_config example (reference/client-usage.md), pointed at the mock. */
function userConfig(mockUrl: string, overrides: { azureBase?: string } = {}) {
  return {
    model_list: [
      {
        model_name: 'user-azure-instance',
        litellm_params: { model: 'azure/chatgpt-v-2', api_key: 'user-azure-key', api_version: '2024-02-01', api_base: overrides.azureBase ?? `${mockUrl}/user-azure`, timeout: 10 },
        tpm: 240000,
        rpm: 1800,
      },
      {
        model_name: 'user-openai-instance',
        litellm_params: { model: 'gpt-3.5-turbo', api_key: 'user-openai-key', api_base: `${mockUrl}/user-openai/v1`, timeout: 10 },
        tpm: 240000,
        rpm: 1800,
      },
    ],
    num_retries: 2,
    allowed_fails: 3,
    fallbacks: [{ 'user-azure-instance': ['user-openai-instance'] }],
  };
}

function noSecretReached(upstream: MockUpstream, secret: string): void {
  for (const r of upstream.requests) {
    expect(JSON.stringify(r.headers)).not.toContain(secret);
    expect(r.raw.toString()).not.toContain(secret);
  }
}

describe('routing: client-side credentials and user_config (allowed, with an allowlist)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  const at = (prefix: string) => (r: RecordedRequest) => r.path.startsWith(`/${prefix}/`);
  const ask = (model: string, extra: object = {}) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'this is a test request, write a short poem' }], ...extra } as any).withResponse();
  const refused = (model: string, extra: object) =>
    ask(model, extra).then(
      () => {
        throw new Error('expected a refusal');
      },
      (e) => e as InstanceType<typeof OpenAI.APIError>,
    );

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/own/v1`, api_key: OWN_KEY, extra_headers: { 'x-own-secret': OWN_KEY } },
            model_info: { id: 'own-1' },
          },
        ],
        router_settings: { num_retries: 0 },
        general_settings: {
          master_key: MASTER,
          allow_client_side_credentials: true,
          client_side_api_base_allowlist: ['127.0.0.1', '169.254.169.254', '[fd00:ec2::254]', 'fd00:ec2::254', '::ffff:a9fe:a9fe'],
        },
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

  it("sends the caller's api_key to the caller's api_base, and the deployment's own key never", async () => {
    const { data } = await ask('gpt-4o', { api_key: 'sk-caller-key', api_base: `${upstream.url}/caller/v1` });
    expect(data.choices[0].message.content).toContain('echo:');
    expect(upstream.requests).toHaveLength(1);
    const req = upstream.requests[0];
    expect(req.path).toBe('/caller/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-caller-key');
    expect(req.headers['x-own-secret']).toBeUndefined();
    expect(req.json.api_key).toBeUndefined();
    expect(req.json.api_base).toBeUndefined();
    noSecretReached(upstream, OWN_KEY);
  });

  it("a caller's api_base without a key gets no key at all", async () => {
    await ask('gpt-4o', { base_url: `${upstream.url}/caller/v1` });
    expect(upstream.requests[0].path).toBe('/caller/v1/chat/completions');
    expect(upstream.requests[0].headers.authorization).toBeUndefined();
    noSecretReached(upstream, OWN_KEY);
  });

  it("an api_key alone goes to the deployment's own base", async () => {
    await ask('gpt-4o', { api_key: 'sk-caller-key' });
    expect(upstream.requests[0].path).toBe('/own/v1/chat/completions');
    expect(upstream.requests[0].headers.authorization).toBe('Bearer sk-caller-key');
  });

  it("a failure on the caller's key does not cool the operator's deployment down", async () => {
    upstream.on(at('own'), { status: 401, json: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } }, 1);
    const e = await refused('gpt-4o', { api_key: 'sk-caller-wrong' });
    expect(e.status).toBe(401);
    const { response } = await ask('gpt-4o');
    expect(response.headers.get('x-gateway-deployment')).toBe('own-1');
  });

  it.each([
    ['a host off the allowlist', 'http://localhost:1/v1', 'client_side_api_base_allowlist'],
    ['a non-http scheme', 'file:///etc/passwd', 'must use http or https'],
    ['the metadata address (even allowlisted)', 'http://169.254.169.254/latest/meta-data', 'metadata address'],
    ['the IPv6 metadata address (even allowlisted)', 'http://[fd00:ec2::254]/latest', 'metadata address'],
    ['an IPv4-mapped metadata address', 'http://[::ffff:169.254.169.254]/', 'metadata address'],
  ])('refuses %s with 403 before any connection', async (_name, apiBase, message) => {
    const e = await refused('gpt-4o', { api_key: 'sk-caller-key', api_base: apiBase });
    expect(e).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(e.error).toMatchObject({ type: 'permission_error', param: 'api_base', code: 'api_base_not_allowed' });
    expect((e.error as { message: string }).message).toContain(message);
    expect(upstream.requests).toHaveLength(0);
    expect(JSON.stringify(e.error)).not.toContain('sk-caller-key');
  });

  it('serves the client-usage user_config example: user-azure-instance on Azure with the user’s key and api-version', async () => {
    const { data, response } = await ask('user-azure-instance', { user_config: userConfig(upstream.url) });
    expect(data.choices[0].message.content).toContain('echo:');
    expect(response.headers.get('x-gateway-deployment')).toMatch(/^uc-/);
    expect(response.headers.get('x-gateway-fallback')).toBeNull();
    const req = upstream.requests[0];
    expect(req.path).toBe('/user-azure/openai/deployments/chatgpt-v-2/chat/completions');
    expect(req.query.get('api-version')).toBe('2024-02-01');
    expect(req.headers['api-key']).toBe('user-azure-key');
    expect(req.json.user_config).toBeUndefined();
    noSecretReached(upstream, OWN_KEY);
  });

  it("falls back to user-openai-instance when the user's Azure deployment fails, across calls with one cached router", async () => {
    upstream.on(at('user-azure'), serverError);
    const { data, response } = await ask('user-azure-instance', { user_config: userConfig(upstream.url) });
    expect(data.choices[0].message.content).toContain('echo:');
    expect(response.headers.get('x-gateway-fallback')).toBe('user-openai-instance');
    const azureCalls = upstream.requests.filter(at('user-azure')).length;
    expect(azureCalls).toBe(3); // num_retries 2 on the user's one Azure deployment
    const openai = upstream.requests.find(at('user-openai'))!;
    expect(openai.headers.authorization).toBe('Bearer user-openai-key');
    expect(openai.json.model).toBe('gpt-3.5-turbo');

    // allowed_fails 3: the fourth failure (on the next call) cools the user's Azure deployment down; then it is skipped.
    upstream.reset();
    upstream.on(at('user-azure'), serverError);
    await ask('user-azure-instance', { user_config: userConfig(upstream.url) });
    const before = upstream.requests.filter(at('user-azure')).length;
    const third = await ask('user-azure-instance', { user_config: userConfig(upstream.url) });
    expect(third.response.headers.get('x-gateway-fallback')).toBe('user-openai-instance');
    expect(upstream.requests.filter(at('user-azure')).length).toBe(before); // cooling down: not called
  });

  it("never touches the gateway's own models: a user_config model list replaces it for the call", async () => {
    const e = await refused('gpt-4o', { user_config: userConfig(upstream.url) });
    expect(e.status).toBe(404);
    expect(e.error).toMatchObject({ code: 'model_not_found' });
  });

  it('validates user_config like the config file: 400 naming the field', async () => {
    const bad = userConfig(upstream.url);
    delete (bad.model_list[1].litellm_params as { model?: string }).model;
    const e = await refused('user-azure-instance', { user_config: bad });
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.error).toMatchObject({ type: 'invalid_request_error', param: 'user_config.model_list[1].litellm_params.model' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a user_config api_base at a metadata address (403, nothing sent)', async () => {
    const e = await refused('user-azure-instance', { user_config: userConfig(upstream.url, { azureBase: 'http://169.254.169.254' }) });
    expect(e.status).toBe(403);
    expect(e.error).toMatchObject({ type: 'permission_error', param: 'user_config.model_list[0].litellm_params.api_base' });
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('routing: client-side credentials off (the default)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway({
      model_list: [{ model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/own/v1`, api_key: OWN_KEY } }],
      general_settings: { master_key: MASTER },
    });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());
  const post = (body: object) =>
    rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ messages: [{ role: 'user', content: 'x' }], ...body }), { authorization: `Bearer ${MASTER}` });

  it('refuses user_config with 403 permission_error, nothing sent', async () => {
    const res = await post({ model: 'user-azure-instance', user_config: userConfig(upstream.url) });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ type: 'permission_error', param: 'user_config', code: 'client_side_credentials_not_allowed' });
    expect(upstream.requests).toHaveLength(0);
    expect(res.text).not.toContain('user-azure-key');
  });

  it('refuses api_base with 403, but accepts api_key alone', async () => {
    const base = await post({ model: 'gpt-4o', api_base: `${upstream.url}/caller/v1` });
    expect(base.status).toBe(403);
    expect(base.json.error.param).toBe('api_base');
    expect(upstream.requests).toHaveLength(0);
    const key = await post({ model: 'gpt-4o', api_key: 'sk-caller-key' });
    expect(key.status).toBe(200);
    expect(upstream.requests[0].headers.authorization).toBe('Bearer sk-caller-key');
  });
});

import OpenAI from 'openai';
import { MockUpstream, type RecordedRequest } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-fallbacks';
const serverError = { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } };
const contextError = {
  status: 400,
  json: { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } },
};
const contentFilter = {
  status: 400,
  json: { error: { message: 'The response was filtered due to the prompt triggering content management policy.', type: null, param: 'prompt', code: 'content_filter' } },
};

describe('routing: fallbacks (x-gateway-fallback)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  const models = ['primary', 'backup', 'big', 'safe', 'deflt', 'lonely', 'other', 'loop-a', 'loop-b'];
  const at = (model: string) => (r: RecordedRequest) => r.path.startsWith(`/${model}/`);
  const paths = () => upstream.requests.map((r) => r.path.split('/')[1]);
  const ask = (model: string, extra: object = {}) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra } as any).withResponse();

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: models.map((m) => ({
          model_name: m,
          litellm_params: { model: `openai/${m}-upstream`, api_base: `${upstream.url}/${m}/v1`, api_key: `sk-${m}` },
          model_info: { id: `${m}-1` },
        })),
        router_settings: {
          num_retries: 0,
          cooldown_time: 0,
          fallbacks: [{ primary: ['backup'] }, { 'loop-a': ['loop-b'] }, { 'loop-b': ['loop-a'] }],
          context_window_fallbacks: [{ primary: ['big'] }],
          content_policy_fallbacks: [{ primary: ['safe'] }],
          default_fallbacks: ['deflt'],
        },
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

  it('fallbacks: a retryable failure moves on to the next model; the answer names it', async () => {
    upstream.on(at('primary'), serverError);
    const { data, response } = await ask('primary');
    expect(data.choices[0].message.content).toBe('echo: hi');
    expect(response.headers.get('x-gateway-fallback')).toBe('backup');
    expect(response.headers.get('x-gateway-deployment')).toBe('backup-1');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    expect(paths()).toEqual(['primary', 'backup']);
    expect(upstream.requests[1].json.model).toBe('backup-upstream');
  });

  it('context_window_fallbacks: an upstream context_length_exceeded goes to the larger model', async () => {
    upstream.on(at('primary'), contextError);
    const { response } = await ask('primary');
    expect(response.headers.get('x-gateway-fallback')).toBe('big');
    expect(paths()).toEqual(['primary', 'big']);
  });

  it('content_policy_fallbacks: an upstream content_filter goes to its own list', async () => {
    upstream.on(at('primary'), contentFilter);
    const { response } = await ask('primary');
    expect(response.headers.get('x-gateway-fallback')).toBe('safe');
    expect(paths()).toEqual(['primary', 'safe']);
  });

  it('default_fallbacks: a model without its own list uses them', async () => {
    upstream.on(at('lonely'), serverError);
    const { response } = await ask('lonely');
    expect(response.headers.get('x-gateway-fallback')).toBe('deflt');
  });

  it("per-request fallbacks replace the configured ones", async () => {
    upstream.on(at('primary'), serverError);
    const { response } = await ask('primary', { fallbacks: ['other'] });
    expect(response.headers.get('x-gateway-fallback')).toBe('other');
    expect(paths()).toEqual(['primary', 'other']);
  });

  it('disable_fallbacks: the error is answered as is', async () => {
    upstream.on(at('primary'), serverError);
    const e = await ask('primary', { disable_fallbacks: true }).catch((x) => x);
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e.status).toBe(502);
    expect(paths()).toEqual(['primary']);
  });

  it('a plain 400 takes no fallback', async () => {
    upstream.on(at('primary'), { status: 400, json: { error: { message: 'bad temperature', type: 'invalid_request_error', param: 'temperature', code: null } } });
    const e = await ask('primary').catch((x) => x);
    expect(e.status).toBe(400);
    expect(paths()).toEqual(['primary']);
  });

  it('fallbacks never loop (a → b, b → a): each model once, then the last upstream error', async () => {
    upstream.on(at('loop-a'), serverError);
    upstream.on(at('loop-b'), { status: 503, json: { error: { message: 'loop-b is overloaded', type: 'server_error' } } });
    const e = await ask('loop-a').catch((x) => x);
    expect(e.status).toBe(503);
    expect(e.error.message).toBe('loop-b is overloaded');
    expect(paths()).toEqual(['loop-a', 'loop-b']);
  });

  it('a fallback serves a stream too, before the first chunk', async () => {
    upstream.on(at('primary'), serverError);
    const res = await rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'primary', stream: true, messages: [{ role: 'user', content: 'hi' }] }), {
      authorization: `Bearer ${MASTER}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-fallback')).toBe('backup');
    expect(res.text).toContain('data: [DONE]');
  });
});

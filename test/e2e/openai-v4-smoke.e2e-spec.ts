import OpenAIv4 from 'openai-v4';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-v4';

/** Teams still on the openai v4 SDK: one call of each kind, so a change that breaks older clients fails CI. */
describe('openai v4 SDK smoke', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAIv4;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: 'k' } },
          { model_name: 'text-embedding-3-small', litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${upstream.url}/v1`, api_key: 'k' } },
        ],
        router_settings: { num_retries: 0 },
        general_settings: { master_key: MASTER },
      },
      { apiKey: MASTER },
    );
    client = new OpenAIv4({ baseURL: `${gw.url}/v1`, apiKey: MASTER, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });

  it('chat', async () => {
    const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'v4 hi' }] });
    expect(r.choices[0].message.content).toBe('echo: v4 hi');
  });

  it('stream', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'a b' }], stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('echo: a b');
  });

  it('embeddings (the v4 default base64 encoding decoded by the SDK)', async () => {
    const e = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(e.data.map((d) => d.index)).toEqual([0, 1]);
    expect(e.data[0].embedding.slice(0, 3).map((v) => Number(v.toFixed(3)))).toEqual([0.1, 0.2, 0.3]);
  });

  it('error classes: unknown model is NotFoundError, wrong key is AuthenticationError (headers a plain object in v4)', async () => {
    const missing = await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(missing).toBeInstanceOf(OpenAIv4.NotFoundError);
    expect(missing.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(missing.headers['x-request-id']).toEqual(expect.any(String));
    const wrong = await new OpenAIv4({ baseURL: `${gw.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 }).models.list().catch((e) => e);
    expect(wrong).toBeInstanceOf(OpenAIv4.AuthenticationError);
  });
});

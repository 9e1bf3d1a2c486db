import OpenAI, { AzureOpenAI } from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-endpoints';

describe('core gateway: embeddings, moderations, models, Azure client style', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'text-embedding-3-small', litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${upstream.url}/v1`, api_key: 'k' } },
          { model_name: 'azure-gpt', litellm_params: { model: 'azure/my-gpt-deployment', api_base: upstream.url, api_key: 'azure-secret', api_version: '2024-06-01' }, model_info: { id: 'az-1' } },
          { model_name: 'azure-embedding-model', litellm_params: { model: 'azure/my-embedding', api_base: upstream.url, api_key: 'azure-secret' } },
          { model_name: 'text-moderation-stable', litellm_params: { model: 'openai/text-moderation-stable', api_base: `${upstream.url}/v1`, api_key: 'k' } },
          { model_name: 'mock-embed', litellm_params: { model: 'openai/e', mock_response: 'x' } },
          { model_name: 'vllm-llama', litellm_params: { model: 'hosted_vllm/meta-llama/Llama-3-8B', api_base: `${upstream.url}/v1` } },
        ],
        router_settings: { num_retries: 0 },
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

  it('embeddings for a string and for a list', async () => {
    const one = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(one.data).toHaveLength(1);
    expect(upstream.last()!.json).toMatchObject({ model: 'text-embedding-3-small', input: 'hello' });
    expect(one.data[0].embedding.slice(0, 3).map((v) => Number(v.toFixed(3)))).toEqual([0.1, 0.2, 0.3]);
    const floats = await rawPost(`${gw.url}/v1/embeddings`, JSON.stringify({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'float' }), { authorization: `Bearer ${MASTER}` });
    expect(floats.json.data[0].embedding).toEqual([0.1, 0.2, 0.3, 0]);
    const many = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b', 'c'] });
    expect(many.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect((many as any)._response_ms).toEqual(expect.any(Number));
  });

  it('embeddings from a mock deployment are deterministic unit vectors', async () => {
    const a = await client.embeddings.create({ model: 'mock-embed', input: ['same', 'same', 'other'] });
    expect(a.data[0].embedding).toEqual(a.data[1].embedding);
    expect(a.data[0].embedding).not.toEqual(a.data[2].embedding);
    const norm = Math.sqrt(a.data[0].embedding.reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 3);
  });

  it('moderations, with and without a model', async () => {
    const r = await client.moderations.create({ input: 'I will kill the process', model: 'text-moderation-stable' });
    expect(r.results[0].flagged).toBe(true);
    expect(upstream.last()!.path).toBe('/v1/moderations');
    const noModel = await rawPost(`${gw.url}/moderations`, JSON.stringify({ input: 'hello' }), { authorization: `Bearer ${MASTER}` });
    expect(noModel.status).toBe(200);
    expect(noModel.json.results[0].flagged).toBe(false);
  });

  it('lists one model per model name in the OpenAI format', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(['text-embedding-3-small', 'azure-gpt', 'azure-embedding-model', 'text-moderation-stable', 'mock-embed', 'vllm-llama']);
    expect(page.data[0]).toMatchObject({ object: 'model' });
  });

  it('the AzureOpenAI client (api-key header, api-version query) reaches an Azure deployment', async () => {
    const azure = new AzureOpenAI({ endpoint: gw.url, apiKey: MASTER, apiVersion: '2024-10-21', deployment: 'azure-gpt', maxRetries: 0 });
    const r = await azure.chat.completions.create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'azure hi' }] });
    expect(r.choices[0].message.content).toBe('echo: azure hi');
    const sent = upstream.last()!;
    expect(sent.path).toBe('/openai/deployments/my-gpt-deployment/chat/completions');
    expect(sent.query.get('api-version')).toBe('2024-06-01');
    expect(sent.headers['api-key']).toBe('azure-secret');
    expect(sent.headers.authorization).toBeUndefined();

    const emb = new AzureOpenAI({ endpoint: gw.url, apiKey: MASTER, apiVersion: '2023-07-01-preview', deployment: 'azure-embedding-model', maxRetries: 0 });
    const e = await emb.embeddings.create({ model: 'x', input: ['doc'] });
    expect(e.data).toHaveLength(1);
    expect(upstream.last()!.path).toBe('/openai/deployments/my-embedding/embeddings');
  });

  it('streams from Azure in the Azure client too', async () => {
    const azure = new AzureOpenAI({ endpoint: gw.url, apiKey: MASTER, apiVersion: '2024-10-21', deployment: 'azure-gpt', maxRetries: 0 });
    const stream = await azure.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'a b' }], stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('echo: a b');
    // Azure's older api-versions refuse stream_options: only sent when the client asks
    expect(upstream.last()!.json.stream_options).toBeUndefined();
  });

  it('hosted_vllm/ and api_base reach an OpenAI-compatible server without a key', async () => {
    const r = await client.chat.completions.create({ model: 'vllm-llama', messages: [{ role: 'user', content: 'v' }] });
    expect(r.choices[0].message.content).toBe('echo: v');
    expect(upstream.last()!.json.model).toBe('meta-llama/Llama-3-8B');
    expect(upstream.last()!.headers.authorization).toBeUndefined();
  });
});

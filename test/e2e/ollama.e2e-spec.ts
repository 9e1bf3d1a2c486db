import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const line = (content: string, extra: object = {}) => ({ model: 'llama3.2', created_at: '2024-07-22T20:33:28Z', message: { role: 'assistant', content, ...extra }, done: false });
const done = (reason = 'stop') => ({ model: 'llama3.2', created_at: '2024-07-22T20:33:29Z', message: { role: 'assistant', content: '' }, done: true, done_reason: reason, prompt_eval_count: 26, eval_count: 4 });

describe('ollama through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway({
      model_list: [
        { model_name: 'local', litellm_params: { model: 'ollama/llama3.2', api_base: upstream.url } },
        { model_name: 'local-chat', litellm_params: { model: 'ollama_chat/llama3.2', api_base: upstream.url } },
        { model_name: 'local-embed', litellm_params: { model: 'ollama/all-minilm', api_base: upstream.url } },
        { model_name: 'missing', litellm_params: { model: 'ollama/llama9', api_base: upstream.url } },
      ],
      // Failures here are scripted; keep them from cooling the deployment down between tests.
      router_settings: { num_retries: 0, cooldown_time: 0 },
    });
    client = gw.client();
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it.each(['local', 'local-chat'])('chat (%s): /api/chat without streaming, options mapped', async (model) => {
    upstream.on('/api/chat', { json: { ...done(), message: { role: 'assistant', content: 'Hello from Ollama' } } }, 1);
    const res = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], temperature: 0, max_tokens: 20 });
    expect(res.choices[0]).toMatchObject({ message: { content: 'Hello from Ollama' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 26, completion_tokens: 4, total_tokens: 30 });
    expect(upstream.last()!.path).toBe('/api/chat');
    expect(upstream.last()!.json).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false, options: { temperature: 0, num_predict: 20 } });
  });

  it('stream: NDJSON lines become SSE chunks with a usage chunk', async () => {
    upstream.on('/api/chat', { ndjson: [line('Hello'), line(' world'), done('length')] }, 1);
    const stream = await client.chat.completions.create({ model: 'local', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello world');
    expect(finish).toBe('length');
    expect(usage).toMatchObject({ total_tokens: 30 });
  });

  it('tools: object arguments come back as a JSON string with an id; the round trip names the tool result', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.on('/api/chat', { json: { ...done(), message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] } } }, 1);
    const first = await client.chat.completions.create({ model: 'local', messages: [{ role: 'user', content: 'Weather?' }], tools });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call.id).toMatch(/^call_/);
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });

    upstream.on('/api/chat', { json: { ...done(), message: { role: 'assistant', content: 'Sunny.' } } }, 1);
    await client.chat.completions.create({
      model: 'local',
      tools,
      messages: [{ role: 'user', content: 'Weather?' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '18C' }],
    });
    expect(upstream.last()!.json.messages.slice(1)).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: '18C', tool_name: 'get_weather' },
    ]);
  });

  it('embeddings: /api/embed; the SDK’s base64 request is decoded back to floats', async () => {
    upstream.on('/api/embed', { json: { model: 'all-minilm', embeddings: [[0.5, 0.25]], prompt_eval_count: 3 } }, 1);
    const res = await client.embeddings.create({ model: 'local-embed', input: 'hello' });
    expect(res.data[0].embedding).toEqual([0.5, 0.25]);
    expect(res.usage.prompt_tokens).toBe(3);
    expect(upstream.last()!.json).toEqual({ model: 'all-minilm', input: 'hello' });
  });

  it('errors: a model that is not pulled is a 404 model_not_found, for chat and streams', async () => {
    upstream.on('/api/chat', { status: 404, json: { error: 'model "llama9" not found, try pulling it first' } }, 2);
    const chat = await client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
    expect(chat.code).toBe('model_not_found');
    expect(chat.message).toContain('try pulling it first');
    const stream = await client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'x' }], stream: true }).then(() => null, (e) => e);
    expect(stream).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

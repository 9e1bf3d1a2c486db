import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MODEL = 'command-r-plus-08-2024';
const usage = { billed_units: { input_tokens: 5, output_tokens: 3 }, tokens: { input_tokens: 70, output_tokens: 3 } };
const ev = (type: string, data: object = {}) => ({ event: type, data: { type, ...data } });

describe('cohere through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway({
      model_list: [
        { model_name: 'command', litellm_params: { model: `cohere/${MODEL}`, api_base: upstream.url, api_key: 'co-e2e' } },
        { model_name: 'embed', litellm_params: { model: 'cohere/embed-english-v3.0', api_base: upstream.url, api_key: 'co-e2e' } },
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

  it('chat: Chat v2 called with the bearer key, answered in the OpenAI format', async () => {
    upstream.on('/v2/chat', { json: { id: 'c1', message: { role: 'assistant', content: [{ type: 'text', text: 'Hello from Cohere' }] }, finish_reason: 'COMPLETE', usage } }, 1);
    const res = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'Hi' }], top_p: 0.8, stop: ['END'] });
    expect(res.choices[0]).toMatchObject({ message: { content: 'Hello from Cohere' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 70, completion_tokens: 3, total_tokens: 73 });
    const sent = upstream.last()!;
    expect(sent.path).toBe('/v2/chat');
    expect(sent.headers.authorization).toBe('Bearer co-e2e');
    expect(sent.json).toEqual({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], p: 0.8, stop_sequences: ['END'] });
  });

  it('stream: content deltas, finish and usage chunk', async () => {
    upstream.on(
      '/v2/chat',
      {
        sse: [
          ev('message-start', { id: 's1', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } }),
          ev('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }),
          ev('content-delta', { index: 0, delta: { message: { content: { text: 'Hello ' } } } }),
          ev('content-delta', { index: 0, delta: { message: { content: { text: 'world' } } } }),
          ev('content-end', { index: 0 }),
          ev('message-end', { delta: { finish_reason: 'COMPLETE', usage } }),
        ],
      },
      1,
    );
    const stream = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usageSeen: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usageSeen = chunk.usage;
    }
    expect(text).toBe('Hello world');
    expect(usageSeen).toMatchObject({ total_tokens: 73 });
  });

  it('tools: tool calls come back, and stream as tool-call deltas the SDK can assemble', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.on(
      '/v2/chat',
      {
        sse: [
          ev('message-start', { id: 's2', delta: { message: { role: 'assistant' } } }),
          ev('tool-plan-delta', { delta: { message: { tool_plan: 'Looking it up.' } } }),
          ev('tool-call-start', { index: 0, delta: { message: { tool_calls: { id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '' } } } } }),
          ev('tool-call-delta', { index: 0, delta: { message: { tool_calls: { function: { arguments: '{"city":' } } } } }),
          ev('tool-call-delta', { index: 0, delta: { message: { tool_calls: { function: { arguments: '"Paris"}' } } } } }),
          ev('tool-call-end', { index: 0 }),
          ev('message-end', { delta: { finish_reason: 'TOOL_CALL', usage } }),
        ],
      },
      1,
    );
    const stream = client.chat.completions.stream({ model: 'command', messages: [{ role: 'user', content: 'Weather?' }], tools, tool_choice: 'required' });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    expect(final.choices[0].message.tool_calls).toEqual([{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    expect(upstream.last()!.json).toMatchObject({ tool_choice: 'REQUIRED', stream: true });
  });

  it('embeddings: Embed v2 with the default input_type; the SDK’s base64 request is decoded back to floats', async () => {
    upstream.on('/v2/embed', { json: { id: 'e1', embeddings: { float: [[0.5, -0.25], [1, 2]] }, texts: ['a', 'b'], meta: { billed_units: { input_tokens: 2 } } } }, 1);
    const res = await client.embeddings.create({ model: 'embed', input: ['a', 'b'] });
    expect(res.data.map((d) => d.embedding)).toEqual([[0.5, -0.25], [1, 2]]);
    expect(res.usage).toMatchObject({ prompt_tokens: 2, total_tokens: 2 });
    expect(upstream.last()!.json).toEqual({ model: 'embed-english-v3.0', texts: ['a', 'b'], input_type: 'search_document', embedding_types: ['float'] });
  });

  it('errors: 401 is an authentication error, 429 keeps Retry-After', async () => {
    upstream.on('/v2/chat', { status: 401, json: { id: 'x', message: 'invalid api token' } }, 1);
    const auth = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(auth.message).toContain('invalid api token');

    upstream.on('/v2/chat', { status: 429, headers: { 'retry-after': '5' }, json: { message: 'too many requests' } }, 1);
    const limited = await client.chat.completions.create({ model: 'command', messages: [{ role: 'user', content: 'x' }], stream: true }).then(() => null, (e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('5');
  });
});

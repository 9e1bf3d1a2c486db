import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MODEL = 'claude-3-5-sonnet-20241022';
const message = (content: unknown[], stop = 'end_turn') => ({
  id: 'msg_e2e',
  type: 'message',
  role: 'assistant',
  model: MODEL,
  content,
  stop_reason: stop,
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 4 },
});
const ev = (type: string, data: object = {}) => ({ event: type, data: { type, ...data } });

describe('anthropic through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway({
      model_list: [{ model_name: 'claude', litellm_params: { model: `anthropic/${MODEL}`, api_base: upstream.url, api_key: 'sk-ant-e2e' } }],
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

  it('chat: the Messages API is called and answered in the OpenAI format', async () => {
    upstream.on('/v1/messages', { json: message([{ type: 'text', text: 'Hello from Claude' }]) }, 1);
    const res = await client.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
    });
    expect(res.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from Claude' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    const sent = upstream.last()!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('sk-ant-e2e');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.json).toMatchObject({ model: MODEL, system: 'Be brief.', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('stream: text deltas, finish reason and the usage chunk', async () => {
    upstream.on(
      '/v1/messages',
      {
        sse: [
          ev('message_start', { message: { id: 'msg_s', type: 'message', role: 'assistant', model: MODEL, content: [], usage: { input_tokens: 9, output_tokens: 1 } } }),
          ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
          ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
          ev('ping'),
          ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'world' } }),
          ev('content_block_stop', { index: 0 }),
          ev('message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 2 } }),
          ev('message_stop'),
        ],
      },
      1,
    );
    const stream = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello world');
    expect(finish).toBe('length');
    expect(usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 });
    expect(upstream.last()!.json.stream).toBe(true);
  });

  it('tools: a tool_use comes back as tool_calls, and the round trip sends tool_result blocks', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.on('/v1/messages', { json: message([{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }], 'tool_use') }, 1);
    const first = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, tool_choice: 'required' });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ id: 'toolu_1', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(upstream.last()!.json.tool_choice).toEqual({ type: 'any' });

    upstream.on('/v1/messages', { json: message([{ type: 'text', text: 'Sunny.' }]) }, 1);
    const second = await client.chat.completions.create({
      model: 'claude',
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '18C, sunny' }],
    });
    expect(second.choices[0].message.content).toBe('Sunny.');
    expect(upstream.last()!.json.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C, sunny' }] },
    ]);
  });

  it('errors: 429 keeps Retry-After, prompt too long is context_length_exceeded, unsupported params are a 400', async () => {
    upstream.on('/v1/messages', { status: 429, headers: { 'retry-after': '7' }, json: { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } } }, 1);
    const limited = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('7');

    upstream.on('/v1/messages', { status: 400, json: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } } }, 1);
    const tooLong = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooLong.code).toBe('context_length_exceeded');

    upstream.on('/v1/messages', { status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, 1);
    const overloaded = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(overloaded).toBeInstanceOf(OpenAI.APIError);
    expect(overloaded.status).toBe(503);

    // An error event right after the 200, before any output, is still a plain JSON error.
    upstream.on('/v1/messages', { sse: [ev('error', { error: { type: 'overloaded_error', message: 'Overloaded' } })] }, 1);
    const early = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }], stream: true }).then(() => null, (e) => e);
    expect(early).toBeInstanceOf(OpenAI.APIError);
    expect(early.status).toBe(503);

    const before = upstream.requests.length;
    const refused = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }], n: 2 }).then(() => null, (e) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.param).toBe('n');
    expect(upstream.requests.length).toBe(before);
  });
});

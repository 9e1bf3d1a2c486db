import OpenAI from 'openai';
import { MockUpstream, openAIStreamEvents } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';
import { TEST_DATABASES, type TestDatabase } from '../support/test-database';

const chatAnswer = (message: object, finish = 'stop') => ({
  json: {
    id: 'chatcmpl-x',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 },
  },
});

/** The answer's text (the SDK adds `output_text` only to some results, depending on its version). */
const textOf = (r: OpenAI.Responses.Response) =>
  r.output.flatMap((o) => (o.type === 'message' ? o.content.map((c) => (c.type === 'output_text' ? c.text : '')) : [])).join('');

const STORES: ReadonlyArray<[string, ((prefix: string) => Promise<TestDatabase>) | undefined]> = [['memory', undefined], ...TEST_DATABASES];

describe.each(STORES)('Responses API (OpenAI SDK), responses stored in %s', (_name, createDb) => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    await upstream.start();
    db = await createDb?.('responses');
    gw = await startGateway({
      model_list: [
        // A chat-only provider (vLLM speaks OpenAI chat): bridged through the chat mapping.
        { model_name: 'bridged', litellm_params: { model: 'hosted_vllm/llama-3', api_base: upstream.url } },
        // OpenAI itself: its own Responses API.
        { model_name: 'native', litellm_params: { model: 'openai/gpt-4.1', api_base: upstream.url, api_key: 'sk-up' } },
        { model_name: 'claude', litellm_params: { model: 'anthropic/claude-3-5-sonnet-20241022', api_base: upstream.url, api_key: 'sk-ant' } },
        { model_name: 'azure-native', litellm_params: { model: 'azure/my-gpt', api_base: upstream.url, api_key: 'az-key' } },
      ],
      router_settings: { num_retries: 0, cooldown_time: 0 },
      general_settings: { ...db?.settings },
    });
    client = gw.client('sk-caller-a');
    // The embedded database opens on first use, which takes seconds: not inside a test's time.
    if (db) await client.responses.retrieve('resp_warm_up').catch(() => undefined);
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await db?.drop();
  });
  beforeEach(() => upstream.reset());

  it('create on a chat-only provider: instructions and input mapped to chat, the answer as a response object', async () => {
    const res = await client.responses.create({ model: 'bridged', instructions: 'Be brief.', input: 'Hi there', max_output_tokens: 40, temperature: 0.2 });
    expect(res.id).toMatch(/^resp_/);
    expect(res).toMatchObject({ object: 'response', status: 'completed', model: 'bridged', instructions: 'Be brief.', max_output_tokens: 40 });
    expect(res.output_text).toBe('echo: Hi there');
    expect(res.output[0]).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'echo: Hi there' }] });
    expect(res.usage).toMatchObject({ input_tokens: 9, output_tokens: 12, total_tokens: 21 });
    const sent = upstream.last()!;
    expect(sent.path).toBe('/chat/completions');
    expect(sent.json).toMatchObject({
      model: 'llama-3',
      max_tokens: 40,
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi there' }] },
      ],
    });
  });

  it('previous_response_id on two calls in a row continues the conversation on a chat-only provider', async () => {
    const first = await client.responses.create({ model: 'bridged', input: 'My name is Ada.' });
    const second = await client.responses.create({ model: 'bridged', input: 'What is my name?', previous_response_id: first.id });
    expect(second.previous_response_id).toBe(first.id);
    expect(upstream.last()!.json.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'My name is Ada.' }] },
      { role: 'assistant', content: 'echo: My name is Ada.' },
      { role: 'user', content: [{ type: 'text', text: 'What is my name?' }] },
    ]);
  });

  it('previous_response_id on Anthropic: the second call sends the whole conversation to the Messages API', async () => {
    const anthropicAnswer = (text: string) => ({
      json: { id: 'msg_a', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } },
    });
    upstream.on('/v1/messages', anthropicAnswer('Nice to meet you, Ada.'), 1);
    upstream.on('/v1/messages', anthropicAnswer('Your name is Ada.'), 1);
    const first = await client.responses.create({ model: 'claude', instructions: 'Be brief.', input: 'My name is Ada.', max_output_tokens: 30 });
    const second = await client.responses.create({ model: 'claude', instructions: 'Be brief.', input: 'What is my name?', previous_response_id: first.id, max_output_tokens: 30 });
    expect(textOf(second)).toBe('Your name is Ada.');
    expect(second.usage).toMatchObject({ input_tokens: 5, output_tokens: 2, total_tokens: 7 });
    const sent = upstream.last()!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.json).toMatchObject({ system: 'Be brief.', max_tokens: 30 });
    expect(sent.json.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent.json.messages)).toContain('Nice to meet you, Ada.');
  });

  it('tools: a function_call comes back, and function_call_output continues it', async () => {
    const tools: OpenAI.Responses.Tool[] = [
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false },
    ];
    upstream.on('/chat/completions', chatAnswer({ content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }, 'tool_calls'), 1);
    const first = await client.responses.create({ model: 'bridged', input: 'Weather in Paris?', tools, tool_choice: 'auto' });
    const call = first.output.find((o) => o.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(upstream.last()!.json).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
    });

    upstream.on('/chat/completions', chatAnswer({ content: 'Sunny in Paris.' }), 1);
    const second = await client.responses.create({
      model: 'bridged',
      previous_response_id: first.id,
      tools,
      input: [{ type: 'function_call_output', call_id: 'call_1', output: '{"sky":"sunny"}' }],
    });
    expect(second.output_text).toBe('Sunny in Paris.');
    expect(upstream.last()!.json.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"sky":"sunny"}' },
    ]);
  });

  it('stream on a chat-only provider: named events in order with sequence numbers; the SDK assembles the text', async () => {
    upstream.on('/chat/completions', { sse: openAIStreamEvents('Hello streamed world', 'llama-3', { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 }) }, 1);
    const stream = await client.responses.create({ model: 'bridged', input: 'Hi', stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events[events.length - 1] as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.usage).toMatchObject({ input_tokens: 4, output_tokens: 3, total_tokens: 7 });
    const text = events.filter((e) => e.type === 'response.output_text.delta').map((e) => (e).delta).join('');
    expect(text).toBe('Hello streamed world');

    // The streamed response is kept before its final event: retrievable at once.
    const kept = await client.responses.retrieve(completed.response.id);
    expect(textOf(kept)).toBe('Hello streamed world');
  });

  it('client.responses.stream helper gets the final response', async () => {
    const stream = client.responses.stream({ model: 'bridged', input: 'Helper test' });
    let deltas = '';
    stream.on('response.output_text.delta', (e) => (deltas += e.delta));
    const final = await stream.finalResponse();
    expect(textOf(final)).toBe('echo: Helper test');
    expect(deltas).toBe('echo: Helper test');
  });

  it('retrieve, delete, and another key sees nothing', async () => {
    const created = await client.responses.create({ model: 'bridged', input: 'keep me' });
    expect((await client.responses.retrieve(created.id)).id).toBe(created.id);

    const other = gw.client('sk-caller-b');
    await expect(other.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.responses.create({ model: 'bridged', input: 'x', previous_response_id: created.id })).rejects.toMatchObject({
      status: 400,
      param: 'previous_response_id',
    });
    const otherDelete = await fetch(`${gw.url}/v1/responses/${created.id}`, { method: 'DELETE', headers: { authorization: 'Bearer sk-caller-b' } });
    expect(otherDelete.status).toBe(404);

    const del = await fetch(`${gw.url}/v1/responses/${created.id}`, { method: 'DELETE', headers: { authorization: 'Bearer sk-caller-a' } });
    expect(await del.json()).toEqual({ id: created.id, object: 'response', deleted: true });
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('store: false keeps nothing', async () => {
    const res = await client.responses.create({ model: 'bridged', input: 'forget me', store: false });
    await expect(client.responses.retrieve(res.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('native OpenAI: the body goes to /responses as sent; a native id continues on the same deployment, passed through', async () => {
    const first = await client.responses.create({ model: 'native', input: 'Hello native', metadata: { trace_id: 't-1' } });
    expect(first.id).toBe('resp_mock_native');
    expect(first.output_text).toBe('echo: Hello native');
    const sent = upstream.last()!;
    expect(sent.path).toBe('/responses');
    expect(sent.headers.authorization).toBe('Bearer sk-up');
    expect(sent.json).toEqual({ model: 'gpt-4.1', input: 'Hello native', stream: false });

    await client.responses.create({ model: 'native', input: 'Again', previous_response_id: first.id });
    expect(upstream.last()!.json).toMatchObject({ model: 'gpt-4.1', input: 'Again', previous_response_id: 'resp_mock_native' });
  });

  it('native stream: the provider events pass through and the SDK reads them', async () => {
    const stream = client.responses.stream({ model: 'native', input: 'stream native' });
    const final = await stream.finalResponse();
    expect(textOf(final)).toBe('echo: stream native');
    expect(upstream.last()!.json).toMatchObject({ stream: true });
  });

  it('Azure: the v1 Responses path with the deployment name as model and the api-key header', async () => {
    await client.responses.create({ model: 'azure-native', input: 'Hi Azure' });
    const sent = upstream.last()!;
    expect(sent.path).toBe('/openai/v1/responses');
    expect(sent.headers['api-key']).toBe('az-key');
    expect(sent.json).toMatchObject({ model: 'my-gpt', input: 'Hi Azure' });
  });

  it('a stream that breaks after it began ends with response.failed, and the SDK raises the error event', async () => {
    upstream.on('/chat/completions', { sse: openAIStreamEvents('one two three four', 'llama-3'), breakAfter: 2, eventDelayMs: 30 }, 1);
    const stream = await client.responses.create({ model: 'bridged', input: 'Hi', stream: true });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(seen[seen.length - 1]).toBe('response.failed');
  });

  it('the call is counted under the responses route', async () => {
    await client.responses.create({ model: 'bridged', input: 'count me' });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/route="responses",model="bridged"/);
  });

  it('validation names the field', async () => {
    await expect(client.responses.create({ model: 'bridged', input: [{ type: 'function_call_output', output: 'x' } as never] })).rejects.toMatchObject({
      status: 400,
      param: 'input[0].call_id',
    });
    await expect(client.responses.create({ model: 'bridged', input: 'x', temperature: 5 })).rejects.toMatchObject({ status: 400, param: 'temperature' });
    await expect(client.responses.create({ model: 'bridged', input: 'x', tools: [{ type: 'web_search_preview' }] })).rejects.toMatchObject({
      status: 400,
      param: 'tools[0].type',
    });
  });
});

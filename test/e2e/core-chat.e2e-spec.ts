import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-e2e';

describe('core gateway: chat, streaming, per-request params (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o-2024-08-06', api_base: `${upstream.url}/v1`, api_key: 'sk-deployment-key' }, model_info: { id: 'oa-1' } },
          { model_name: 'mock-chat', litellm_params: { model: 'openai/mock', mock_response: 'Hi from mock' } },
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

  it('answers a chat completion through the provider, with routing headers and _response_ms', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello there' }], temperature: 0.3, seed: 5, user: 'u-1' })
      .withResponse();
    expect(data.choices[0].message.content).toBe('echo: hello there');
    expect(data.usage?.total_tokens).toBe(21);
    expect((data as any)._response_ms).toEqual(expect.any(Number));
    expect(response.headers.get('x-gateway-deployment')).toBe('oa-1');
    expect(response.headers.get('x-gateway-attempts')).toBe('1');
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
    const sent = upstream.last()!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-deployment-key');
    expect(sent.json).toMatchObject({ model: 'gpt-4o-2024-08-06', temperature: 0.3, seed: 5, user: 'u-1' });
  });

  it('never sends metadata upstream, and echoes x-request-id', async () => {
    const metadata = { generation_name: 'g', generation_id: 'gid', trace_id: 'tid', trace_user_id: 'uid' };
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], metadata } as any, { headers: { 'x-request-id': 'req-abc-123' } })
      .withResponse();
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    expect(upstream.last()!.json.metadata).toBeUndefined();
    expect(upstream.last()!.raw.toString()).not.toContain('trace_id');
  });

  it('passes unknown OpenAI params (tools, response_format) through untouched', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      tools,
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      logit_bias: { '50256': -100 },
    });
    expect(upstream.last()!.json).toMatchObject({ tools, tool_choice: 'auto', response_format: { type: 'json_object' }, logit_bias: { '50256': -100 } });
  });

  it('uses the caller api_key for this call instead of the deployment key', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], api_key: 'sk-user-own-key' } as any);
    expect(upstream.last()!.headers.authorization).toBe('Bearer sk-user-own-key');
    expect(upstream.last()!.json.api_key).toBeUndefined();
  });

  it('streams chunks and ends with [DONE]; usage chunk only when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'one two three' }], stream: true });
    let text = '';
    let usageSeen = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usageSeen = true;
    }
    expect(text).toBe('echo: one two three');
    expect(usageSeen).toBe(false);
    // the gateway asked upstream for usage anyway (for limits and logs)
    expect(upstream.last()!.json.stream_options).toEqual({ include_usage: true });

    const withUsage = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { total_tokens: 21 } });
  });

  it('streams from a mock_response deployment with no network', async () => {
    const stream = await client.chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hi from mock');
    expect(upstream.requests).toHaveLength(0);
  });

  it('sends the raw SSE wire format: data lines and a final data: [DONE]', async () => {
    const res = await rawPost(`${gw.url}/chat/completions`, JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'a b' }], stream: true }), {
      authorization: `Bearer ${MASTER}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-gateway-deployment')).toBe('oa-1');
    const events = res.text.split('\n\n').filter(Boolean);
    expect(events[events.length - 1]).toBe('data: [DONE]');
    for (const e of events.slice(0, -1)) expect(JSON.parse(e.replace(/^data: /, '')).object).toBe('chat.completion.chunk');
  });

  it('an error before the first chunk is a JSON error with its status', async () => {
    upstream.on('/chat/completions', { status: 429, headers: { 'retry-after': '3' }, json: { error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } } }, 1);
    const err = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true })
      .then(() => null, (e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.headers.get('retry-after')).toBe('3');
  });

  it('an error after the first chunk is one data: {"error"} event, then the end', async () => {
    upstream.on('/chat/completions', {
      sse: [
        { data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'par' }, finish_reason: null }] } },
        { data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'tial' }, finish_reason: null }] } },
        { data: 'never' },
      ],
      breakAfter: 2,
      eventDelayMs: 30,
    }, 1);
    const res = await rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true }), {
      authorization: `Bearer ${MASTER}`,
    });
    const events = res.text.split('\n\n').filter(Boolean);
    expect(events).toHaveLength(3);
    const last = JSON.parse(events[2].replace(/^data: /, ''));
    expect(last.error).toMatchObject({ type: 'api_error', message: expect.stringContaining('broke') });
    expect(res.text).not.toContain('[DONE]');
  });

  it('a client that disconnects mid-stream cancels the upstream request at once', async () => {
    const events = Array.from({ length: 50 }, (_, i) => ({
      data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }] },
    }));
    upstream.on('/chat/completions', { sse: events, eventDelayMs: 100 }, 1);
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true },
      { signal: controller.signal },
    );
    for await (const _chunk of stream) {
      controller.abort();
      break;
    }
    const deadline = Date.now() + 2000;
    while (upstream.aborted === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(upstream.aborted).toBe(1);
  });
});

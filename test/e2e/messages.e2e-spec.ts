import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { MockUpstream, openAIStreamEvents } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';
import { encodeAwsEventStream } from '../conformance/provider-conformance';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

const MASTER = 'sk-master-messages-e2e';
const CLAUDE = 'claude-sonnet-4-5-20250929';
const BEDROCK_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const message = (content: unknown[], stop = 'end_turn', model = CLAUDE) => ({
  id: 'msg_upstream',
  type: 'message',
  role: 'assistant',
  model,
  content,
  stop_reason: stop,
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 4 },
});
const ev = (type: string, data: object = {}) => ({ event: type, data: { type, ...data } });
const nativeStream = (text: string[]) => [
  ev('message_start', { message: { ...message([]), stop_reason: null, usage: { input_tokens: 9, output_tokens: 1 } } }),
  ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ev('ping'),
  ...text.map((t) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
  ev('content_block_stop', { index: 0 }),
  ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } }),
  ev('message_stop'),
];
const chatCompletion = (message: object, finish = 'stop') => ({
  id: 'chatcmpl-x',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finish, logprobs: null }],
  usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27 },
});
const chunk = (delta: object, finish: string | null = null) => ({
  data: { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] },
});
const weatherTool = { name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };

describe('/v1/messages (Anthropic SDK)', () => {
  const upstream = new MockUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'messages-e2e-'));
  const sinkFile = join(dir, 'events.jsonl');
  let gw: StartedGateway;
  let client: Anthropic;

  /** The sink event of one request, once the file sink has written it. */
  async function sinkEvent(requestId: string): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const lines = existsSync(sinkFile) ? readFileSync(sinkFile, 'utf8').split('\n').filter(Boolean) : [];
      const found = lines.map((l) => JSON.parse(l)).find((e) => e.request_id === requestId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no sink event for ${requestId}`);
  }

  beforeAll(async () => {
    await upstream.start();
    const aws = { aws_bedrock_runtime_endpoint: upstream.url, aws_access_key_id: 'AKIDE2E', aws_secret_access_key: 'e2e-bedrock-secret', aws_region_name: 'us-west-2' };
    gw = await startGateway({
      model_list: [
        { model_name: 'claude', litellm_params: { model: `anthropic/${CLAUDE}`, api_base: upstream.url, api_key: 'sk-ant-deployment-key' } },
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-openai-deployment-key' } },
        { model_name: 'claude-bedrock', litellm_params: { model: `bedrock/${BEDROCK_MODEL}`, ...aws } },
      ],
      router_settings: { num_retries: 0, cooldown_time: 0 },
      general_settings: { master_key: MASTER },
      logging: { sinks: [{ type: 'file', path: sinkFile, flush_interval_ms: 20 }] },
    });
    client = new Anthropic({ baseURL: gw.url, apiKey: MASTER, maxRetries: 0, timeout: 20_000 });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => upstream.reset());

  describe('a native Anthropic deployment', () => {
    it('messages.create: the body passes through with only the model replaced', async () => {
      upstream.on('/v1/messages', { json: message([{ type: 'text', text: 'Hello from Claude' }]) }, 1);
      const res = await client.messages.create(
        {
          model: 'claude',
          max_tokens: 100,
          system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: 'Hi' }],
          stop_sequences: ['END'],
          // Sampling parameters are no longer typed by the SDK's current major; clients of older models still send them.
          ...({ temperature: 0.2 } as object),
          tools: [weatherTool],
          metadata: { user_id: 'user-42' },
        },
        { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } },
      );
      expect(res).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hello from Claude' }], stop_reason: 'end_turn' });
      expect(res.usage).toMatchObject({ input_tokens: 12, output_tokens: 4 });
      const sent = upstream.last()!;
      expect(sent.path).toBe('/v1/messages');
      expect(sent.headers['x-api-key']).toBe('sk-ant-deployment-key');
      expect(sent.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
      expect(sent.json).toEqual({
        model: CLAUDE,
        max_tokens: 100,
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'Hi' }],
        stop_sequences: ['END'],
        temperature: 0.2,
        tools: [weatherTool],
        metadata: { user_id: 'user-42' },
      });
    });

    it('messages.stream: Anthropic events pass through, the final message is assembled', async () => {
      upstream.on('/v1/messages', { sse: nativeStream(['Hello ', 'world']) }, 1);
      const stream = client.messages.stream({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
      const types: string[] = [];
      stream.on('streamEvent', (e) => types.push(e.type));
      const final = await stream.finalMessage();
      expect(types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
      expect(final.content).toEqual([{ type: 'text', text: 'Hello world' }]);
      expect(final.usage).toMatchObject({ input_tokens: 9, output_tokens: 3 });
      expect(upstream.last()!.json).toMatchObject({ model: CLAUDE, stream: true });
    });

    it('an error event mid-stream reaches the SDK as an Anthropic error event', async () => {
      upstream.on('/v1/messages', { sse: [...nativeStream(['partial']).slice(0, 4), ev('error', { error: { type: 'overloaded_error', message: 'Overloaded' } })] }, 1);
      const stream = client.messages.stream({ model: 'claude', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
      const err = await stream.finalMessage().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
      expect(String((err as Error).message)).toContain('Overloaded');
    });

    it('countTokens: Anthropic counts natively', async () => {
      upstream.on('/v1/messages/count_tokens', { json: { input_tokens: 42 } }, 1);
      const res = await client.messages.countTokens({ model: 'claude', messages: [{ role: 'user', content: 'How many tokens is this?' }], system: 'Be brief.' });
      expect(res.input_tokens).toBe(42);
      const sent = upstream.last()!;
      expect(sent.path).toBe('/v1/messages/count_tokens');
      expect(sent.json).toEqual({ model: CLAUDE, messages: [{ role: 'user', content: 'How many tokens is this?' }], system: 'Be brief.' });
    });

    it("a provider 429 is the SDK's RateLimitError with Retry-After", async () => {
      upstream.on('/v1/messages', { status: 429, headers: { 'retry-after': '7' }, json: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } } }, 1);
      const err = await client.messages.create({ model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.RateLimitError);
      const e = err as InstanceType<typeof Anthropic.RateLimitError>;
      expect(e.status).toBe(429);
      expect(e.headers?.get('retry-after')).toBe('7');
      expect(e.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringContaining('rate limit') } });
    });
  });

  describe('a bridged (OpenAI-compatible) deployment', () => {
    it('messages.create: mapped onto chat and back', async () => {
      const res = await client.messages.create({
        model: 'gpt',
        max_tokens: 64,
        system: 'Be brief.',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        stop_sequences: ['END'],
      });
      expect(res).toMatchObject({ type: 'message', role: 'assistant', model: 'gpt', content: [{ type: 'text', text: 'echo: Hi' }], stop_reason: 'end_turn' });
      expect(res.id).toMatch(/^msg_/);
      expect(res.usage).toMatchObject({ input_tokens: 9, output_tokens: 12 });
      const sent = upstream.last()!;
      expect(sent.path).toBe('/v1/chat/completions');
      expect(sent.headers.authorization).toBe('Bearer sk-openai-deployment-key');
      expect(sent.json).toMatchObject({
        model: 'gpt-4o-mini',
        max_tokens: 64,
        stop: ['END'],
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      });
    });

    it("messages.stream: chat chunks become Anthropic's events, in Anthropic's order", async () => {
      const stream = client.messages.stream({ model: 'gpt', max_tokens: 50, messages: [{ role: 'user', content: 'Hello there' }] });
      const types: string[] = [];
      stream.on('streamEvent', (e) => types.push(e.type));
      const final = await stream.finalMessage();
      // The SDK drops `ping` before its events; the mock sends "echo: " and "Hello " and "there".
      expect(types).toEqual([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      expect(final.content).toEqual([{ type: 'text', text: 'echo: Hello there' }]);
      expect(final.stop_reason).toBe('end_turn');
      expect(final.usage).toMatchObject({ input_tokens: 9, output_tokens: 12 });
      expect(upstream.last()!.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    });

    it('the raw stream has every event named, ping included', async () => {
      const res = await fetch(`${gw.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': MASTER, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'gpt', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await res.text();
      const names = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
      expect(names.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
      expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
      expect(text).not.toContain('[DONE]');
    });

    it('tools round trip: tool_calls → tool_use, tool_result → a tool message', async () => {
      upstream.on(
        '/chat/completions',
        { json: chatCompletion({ content: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }, 'tool_calls') },
        1,
      );
      const first = await client.messages.create({ model: 'gpt', max_tokens: 100, tools: [weatherTool], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
      expect(first.stop_reason).toBe('tool_use');
      expect(first.content).toEqual([
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      ]);
      expect(upstream.last()!.json).toMatchObject({
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: weatherTool.input_schema } }],
        tool_choice: 'required',
      });

      upstream.on('/chat/completions', { json: chatCompletion({ content: 'It is sunny in Paris.' }) }, 1);
      const second = await client.messages.create({
        model: 'gpt',
        max_tokens: 100,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'sunny, 24°C' }] },
        ],
      });
      expect(second.content).toEqual([{ type: 'text', text: 'It is sunny in Paris.' }]);
      expect(upstream.last()!.json.messages).toEqual([
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 24°C' },
      ]);
    });

    it('a streamed tool call arrives as a tool_use block with its input', async () => {
      upstream.on(
        '/chat/completions',
        {
          sse: [
            chunk({ role: 'assistant', content: '' }),
            chunk({ tool_calls: [{ index: 0, id: 'call_s', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
            chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
            chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
            chunk({}, 'tool_calls'),
            { data: { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35 } } },
            { data: '[DONE]' },
          ],
        },
        1,
      );
      const final = await client.messages.stream({ model: 'gpt', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Oslo?' }] }).finalMessage();
      expect(final.content).toEqual([{ type: 'tool_use', id: 'call_s', name: 'get_weather', input: { city: 'Oslo' } }]);
      expect(final.stop_reason).toBe('tool_use');
      expect(final.usage).toMatchObject({ input_tokens: 30, output_tokens: 5 });
    });

    it('a break mid-stream is one Anthropic error event', async () => {
      upstream.on('/chat/completions', { sse: openAIStreamEvents('one two three four', 'gpt-4o-mini'), breakAfter: 3 }, 1);
      const stream = client.messages.stream({ model: 'gpt', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
      const err = await stream.finalMessage().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe('api_error');
    });

    it('countTokens: an estimate, without an upstream call', async () => {
      const res = await client.messages.countTokens({ model: 'gpt', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
      expect(res.input_tokens).toBeGreaterThanOrEqual(100);
      expect(upstream.requests).toHaveLength(0);
    });

    it("a provider 429 is the SDK's RateLimitError with Retry-After", async () => {
      upstream.on('/chat/completions', { status: 429, headers: { 'retry-after': '3' }, json: { error: { message: 'Rate limit reached', type: 'rate_limit_error', code: null, param: null } } }, 1);
      const err = await client.messages.create({ model: 'gpt', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.RateLimitError);
      expect((err as InstanceType<typeof Anthropic.RateLimitError>).headers?.get('retry-after')).toBe('3');
    });

    it('a server tool is refused with 400 naming it', async () => {
      const err = await client.messages
        .create({ model: 'gpt', max_tokens: 10, tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'Hi' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ error: { type: 'invalid_request_error', param: 'tools[0].type' } });
      expect(upstream.requests).toHaveLength(0);
    });
  });

  describe('a native Bedrock deployment (Anthropic model, InvokeModel)', () => {
    it('messages.create: InvokeModel with the Anthropic body and anthropic_version', async () => {
      upstream.on('/invoke', { json: message([{ type: 'text', text: 'Hello from Bedrock' }], 'end_turn', BEDROCK_MODEL) }, 1);
      const res = await client.messages.create({ model: 'claude-bedrock', max_tokens: 30, messages: [{ role: 'user', content: 'Hi' }], ...({ top_k: 5 } as object) });
      expect(res.content).toEqual([{ type: 'text', text: 'Hello from Bedrock' }]);
      const sent = upstream.last()!;
      expect(sent.path).toBe(`/model/${encodeURIComponent(BEDROCK_MODEL)}/invoke`);
      expect(String(sent.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);
      expect(sent.json).toEqual({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 30, messages: [{ role: 'user', content: 'Hi' }], ...({ top_k: 5 } as object) });
    });

    it('messages.stream: InvokeModelWithResponseStream chunks become the event stream', async () => {
      const chunks = nativeStream(['Hi ', 'from ', 'Bedrock']).map((e) => ({
        headers: { ':event-type': 'chunk', ':message-type': 'event', ':content-type': 'application/json' },
        body: { bytes: Buffer.from(JSON.stringify(e.data)).toString('base64') },
      }));
      upstream.on('/invoke-with-response-stream', { binary: encodeAwsEventStream(chunks) }, 1);
      const final = await client.messages.stream({ model: 'claude-bedrock', max_tokens: 30, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
      expect(final.content).toEqual([{ type: 'text', text: 'Hi from Bedrock' }]);
      expect(upstream.last()!.path).toBe(`/model/${encodeURIComponent(BEDROCK_MODEL)}/invoke-with-response-stream`);
      expect(upstream.last()!.json).not.toHaveProperty('stream');
    });
  });

  describe('the call is observed like any model call', () => {
    it("the sink event has route 'messages', the usage and the caller's metadata", async () => {
      upstream.on('/v1/messages', { json: message([{ type: 'text', text: 'Observed' }]) }, 1);
      await client.messages.create({ model: 'claude', max_tokens: 10, metadata: { user_id: 'u-sink' }, messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-request-id': 'msg-sink-1' } });
      const event = await sinkEvent('msg-sink-1');
      expect(event).toMatchObject({
        route: 'messages',
        model: 'claude',
        provider: 'anthropic',
        upstream_model: CLAUDE,
        status: 'success',
        stream: false,
        usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 },
        metadata: { user_id: 'u-sink' },
      });
    });

    it('a streamed bridged call is observed with its usage', async () => {
      await client.messages.stream({ model: 'gpt', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-request-id': 'msg-sink-2' } }).finalMessage();
      const event = await sinkEvent('msg-sink-2');
      expect(event).toMatchObject({ route: 'messages', model: 'gpt', provider: 'openai', stream: true, usage: { prompt_tokens: 9, completion_tokens: 12 } });
      expect(event.time_to_first_token_ms).not.toBeNull();
    });

    it('Claude Code’s ?beta=true query is accepted', async () => {
      const res = await rawPost(`${gw.url}/v1/messages?beta=true`, JSON.stringify({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }), { 'x-api-key': MASTER });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'echo: Hi' }] });
      expect(res.headers.get('request-id')).toBeTruthy();
    });
  });

  describe('errors in Anthropic’s shape', () => {
    it('401 AuthenticationError for a wrong key', async () => {
      const bad = new Anthropic({ baseURL: gw.url, apiKey: 'sk-wrong', maxRetries: 0 });
      const err = await bad.messages.create({ model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((err as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      expect(upstream.requests).toHaveLength(0);
    });

    it('the key is also accepted as Authorization: Bearer (ANTHROPIC_AUTH_TOKEN)', async () => {
      const bearer = new Anthropic({ baseURL: gw.url, apiKey: null, authToken: MASTER, maxRetries: 0 });
      const res = await bearer.messages.create({ model: 'gpt', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
      expect(res.content).toEqual([{ type: 'text', text: 'echo: Hi' }]);
    });

    it('404 NotFoundError for an unknown model', async () => {
      const err = await client.messages.create({ model: 'no-such-model', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.NotFoundError);
      expect((err as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error', message: expect.stringContaining('no-such-model') } });
    });

    it('400 BadRequestError naming the field', async () => {
      const err = await client.messages
        .create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
        type: 'error',
        error: { type: 'invalid_request_error', param: 'max_tokens', message: expect.stringContaining("'max_tokens'") },
      });
    });

    it.each([
      ['a nested block field', { model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] }, 'messages[0].content[0].tool_use_id'],
      ['a bad role', { model: 'gpt', max_tokens: 5, messages: [{ role: 'system', content: 'x' }] }, 'messages[0].role'],
      ['a bad tool_choice', { model: 'gpt', max_tokens: 5, tool_choice: { type: 'tool' }, messages: [{ role: 'user', content: 'x' }] }, 'tool_choice'],
      ['a system block that is not text', { model: 'gpt', max_tokens: 5, system: [{ type: 'image' }], messages: [{ role: 'user', content: 'x' }] }, 'system[0].type'],
    ])('400 for %s, in Anthropic’s shape', async (_name, body, param) => {
      const res = await rawPost(`${gw.url}/v1/messages`, JSON.stringify(body), { 'x-api-key': MASTER });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', param } });
    });

    it('bad JSON and unknown routes under /v1/messages answer in Anthropic’s shape too; other routes keep OpenAI’s', async () => {
      const bad = await rawPost(`${gw.url}/v1/messages`, '{"model":', { 'x-api-key': MASTER });
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      const unknown = await rawPost(`${gw.url}/v1/messages/nope`, '{}', { 'x-api-key': MASTER });
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
      const chat = await rawPost(`${gw.url}/v1/chat/completions`, '{"model":', { authorization: `Bearer ${MASTER}` });
      expect(chat.json).toMatchObject({ error: { type: 'invalid_request_error' } });
      expect(chat.json.type).toBeUndefined();
    });
  });
});

describe('/v1/messages with virtual keys (model access, limits, spend)', () => {
  const upstream = new MockUpstream();
  let db: TestDatabase;
  let gw: StartedGateway;
  const admin = { authorization: `Bearer ${MASTER}` };
  const keyInfo = async (key: string) => (await (await fetch(`${gw.url}/key/info`, { headers: { authorization: `Bearer ${key}` } })).json()) as any;

  beforeAll(async () => {
    await upstream.start();
    db = await createPostgresDatabase('messages');
    gw = await startGateway({
      model_list: [
        { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-openai', input_cost_per_token: 0.001, output_cost_per_token: 0.002 } },
        { model_name: 'claude', litellm_params: { model: `anthropic/${CLAUDE}`, api_base: upstream.url, api_key: 'sk-ant' } },
      ],
      router_settings: { num_retries: 0, cooldown_time: 0 },
      general_settings: { master_key: MASTER, ...db.settings },
    });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await db?.drop();
    await upstream.stop();
  });

  it('a key limited to one model gets PermissionDeniedError for another, its calls are priced, and count_tokens holds no slot', async () => {
    const created = await rawPost(`${gw.url}/key/generate`, JSON.stringify({ models: ['gpt'], max_parallel_requests: 1 }), admin);
    expect(created.status).toBe(200);
    const key: string = created.json.key;
    const client = new Anthropic({ baseURL: gw.url, apiKey: key, maxRetries: 0 });

    const denied = await client.messages.create({ model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((denied as InstanceType<typeof Anthropic.PermissionDeniedError>).error).toMatchObject({ type: 'error', error: { type: 'permission_error' } });

    // count_tokens is not a generation: were it admitted (and never settled), the one parallel slot would stay taken.
    for (let i = 0; i < 3; i++) expect((await client.messages.countTokens({ model: 'gpt', messages: [{ role: 'user', content: 'Hi' }] })).input_tokens).toBeGreaterThan(0);
    const res = await client.messages.create({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] });
    expect(res.content).toEqual([{ type: 'text', text: 'echo: Hi' }]);

    // 9 prompt and 12 completion tokens at the configured prices.
    let spend = 0;
    for (let i = 0; i < 100 && spend === 0; i++) {
      spend = Number((await keyInfo(key)).info?.spend ?? 0);
      if (spend === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(spend).toBeCloseTo(0.033, 6);
  });
});

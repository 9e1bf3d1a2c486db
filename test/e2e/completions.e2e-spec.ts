import OpenAI, { AzureOpenAI } from 'openai';
import { MockUpstream, type RecordedRequest, type ScriptedResponse } from '../support/mock-upstream.server';
import { rawPost, startGateway, type StartedGateway } from '../support/gateway.harness';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

const USAGE = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };

/** OpenAI's own `/completions`, answering `done: <prompt>` (as JSON, or one chunk a word). */
function nativeCompletion(req: RecordedRequest): ScriptedResponse {
  const body = req.json ?? {};
  const text = ` done: ${String(body.prompt)}`;
  const base = { id: 'cmpl-native', object: 'text_completion', created: 1700000000, model: body.model ?? 'from-path' };
  if (!body.stream) return { json: { ...base, choices: [{ text, index: 0, logprobs: null, finish_reason: 'length' }], usage: USAGE } };
  const pieces = text.match(/\s*\S+/g) ?? [];
  const sse: Array<{ data: unknown }> = pieces.map((piece, i) => ({
    data: { ...base, choices: [{ text: piece, index: 0, logprobs: null, finish_reason: i === pieces.length - 1 ? 'stop' : null }] },
  }));
  if (body.stream_options?.include_usage) sse.push({ data: { ...base, choices: [], usage: USAGE } });
  sse.push({ data: '[DONE]' });
  return { sse };
}

const CLAUDE = 'claude-3-5-haiku-20241022';
const ev = (type: string, data: object = {}) => ({ event: type, data: { type, ...data } });
const claudeMessage = (text: string, stop = 'end_turn') => ({
  json: {
    id: 'msg_c',
    type: 'message',
    role: 'assistant',
    model: CLAUDE,
    content: [{ type: 'text', text }],
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: 6, output_tokens: 2 },
  },
});
const claudeStream = (pieces: string[]) => ({
  sse: [
    ev('message_start', {
      message: { id: 'msg_s', type: 'message', role: 'assistant', model: CLAUDE, content: [], usage: { input_tokens: 7, output_tokens: 1 } },
    }),
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...pieces.map((text) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    ev('content_block_stop', { index: 0 }),
    ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } }),
    ev('message_stop'),
  ],
});

async function failure(p: Promise<unknown>): Promise<{ status?: number; body: any }> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as InstanceType<typeof OpenAI.APIError> | undefined;
  expect(err).toBeInstanceOf(OpenAI.APIError);
  return { status: err!.status, body: err!.error };
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('legacy completions: POST /v1/completions (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  const collector = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;
  const onCompletions = () => upstream.on((r) => r.path.endsWith('/completions') && !r.path.endsWith('/chat/completions'), nativeCompletion);

  beforeAll(async () => {
    await upstream.start();
    await collector.start();
    collector.on('/hook', { json: { ok: true } });
    gw = await startGateway({
      model_list: [
        // Native: LiteLLM's text-completion prefix, a vLLM server, OpenAI's own completion model, Azure's text deployment.
        {
          model_name: 'instruct',
          litellm_params: { model: 'text-completion-openai/gpt-3.5-turbo-instruct', api_base: upstream.url, api_key: 'sk-up' },
          model_info: { id: 'instruct-1' },
        },
        { model_name: 'vllm', litellm_params: { model: 'hosted_vllm/base-7b', api_base: `${upstream.url}/v1` } },
        { model_name: 'davinci', litellm_params: { model: 'openai/davinci-002', api_base: upstream.url, api_key: 'sk-up' } },
        {
          model_name: 'az-instruct',
          litellm_params: { model: 'azure_text/my-instruct', api_base: upstream.url, api_key: 'az-key', api_version: '2024-06-01' },
        },
        // Bridged onto chat: a chat-only OpenAI model, and Anthropic.
        { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: upstream.url, api_key: 'sk-up' } },
        { model_name: 'claude', litellm_params: { model: `anthropic/${CLAUDE}`, api_base: upstream.url, api_key: 'sk-ant' } },
      ],
      router_settings: { num_retries: 0, cooldown_time: 0 },
      logging: { sinks: [{ type: 'webhook', url: `${collector.url}/hook`, flush_interval_ms: 20 }] },
    });
    client = gw.client();
  });
  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await collector.stop();
  });
  beforeEach(() => {
    upstream.reset();
    onCompletions();
  });

  it('native: the request reaches {api_base}/completions as sent, with the upstream model and no gateway fields', async () => {
    const res = await client.completions.create({
      model: 'instruct',
      prompt: 'Say this is a test',
      max_tokens: 7,
      temperature: 0,
      suffix: '!',
      echo: false,
      logprobs: 2,
      best_of: 2,
      n: 1,
      stop: ['\n'],
      logit_bias: { '50256': -100 },
      seed: 3,
      user: 'u-1',
      metadata: { trace_id: 't-native' },
    } as OpenAI.CompletionCreateParamsNonStreaming);
    expect(res).toMatchObject({ id: 'cmpl-native', object: 'text_completion', model: 'gpt-3.5-turbo-instruct', usage: USAGE });
    expect(res.choices).toEqual([{ text: ' done: Say this is a test', index: 0, logprobs: null, finish_reason: 'length' }]);
    const sent = upstream.last()!;
    expect(sent.path).toBe('/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-up');
    expect(sent.json).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 7,
      temperature: 0,
      suffix: '!',
      echo: false,
      logprobs: 2,
      best_of: 2,
      n: 1,
      stop: ['\n'],
      logit_bias: { '50256': -100 },
      seed: 3,
      user: 'u-1',
      stream: false,
    });
  });

  it('native: token id prompts pass through (vLLM), at its /v1/completions', async () => {
    const res = await client.completions.create({ model: 'vllm', prompt: [[1, 2, 3]] });
    expect(res.choices[0].text).toBe(' done: 1,2,3');
    expect(upstream.last()!.path).toBe('/v1/completions');
    expect(upstream.last()!.json).toMatchObject({ model: 'base-7b', prompt: [[1, 2, 3]] });
  });

  it('native stream with include_usage: text_completion chunks, the usage chunk last, [DONE]', async () => {
    const stream = await client.completions.create({ model: 'davinci', prompt: 'Count', stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === 'text_completion')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe(' done: Count');
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: USAGE });
    expect(upstream.last()!.path).toBe('/completions');
    expect(upstream.last()!.json).toMatchObject({ model: 'davinci-002', stream: true, stream_options: { include_usage: true } });
  });

  it('native stream without include_usage: the gateway asks upstream for usage but the client gets none', async () => {
    const res = await fetch(`${gw.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'davinci', prompt: 'Hi', stream: true }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(text).not.toContain('"usage"');
    expect(text).toContain('"object":"text_completion"');
    expect(upstream.last()!.path).toBe('/completions');
    expect(upstream.last()!.json.stream_options).toEqual({ include_usage: true });
  });

  it('Azure client style: /openai/deployments/{deployment}/completions reaches the Azure deployment path', async () => {
    const azure = new AzureOpenAI({ endpoint: gw.url, apiKey: 'any', apiVersion: '2024-06-01', deployment: 'az-instruct', maxRetries: 0 });
    const res = await azure.completions.create({ model: 'ignored', prompt: 'Azure?' });
    expect(res.choices[0].text).toBe(' done: Azure?');
    const sent = upstream.last()!;
    expect(sent.path).toBe('/openai/deployments/my-instruct/completions');
    expect(sent.query.get('api-version')).toBe('2024-06-01');
    expect(sent.headers['api-key']).toBe('az-key');
  });

  it('bridged (Anthropic): the prompt goes as one user message to the Messages API, the answer comes back as text', async () => {
    upstream.on('/v1/messages', claudeMessage('Paris', 'max_tokens'), 1);
    const res = await client.completions.create({ model: 'claude', prompt: 'The capital of France is', max_tokens: 5, temperature: 0.5, stop: ['.'] });
    expect(res).toMatchObject({ object: 'text_completion', usage: { prompt_tokens: 6, completion_tokens: 2, total_tokens: 8 } });
    expect(res.choices).toEqual([{ text: 'Paris', index: 0, logprobs: null, finish_reason: 'length' }]);
    const sent = upstream.last()!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.json).toMatchObject({
      model: CLAUDE,
      max_tokens: 5,
      temperature: 0.5,
      stop_sequences: ['.'],
      messages: [{ role: 'user', content: 'The capital of France is' }],
    });
    expect(sent.json).not.toHaveProperty('prompt');
  });

  it('bridged (Anthropic) stream with include_usage: the SDK assembles the text, usage in the last chunk', async () => {
    upstream.on('/v1/messages', claudeStream(['Once ', 'upon ', 'a time']), 1);
    const stream = await client.completions.create({
      model: 'claude',
      prompt: 'Tell a story',
      max_tokens: 20,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe('Once upon a time');
    expect(chunks.every((c) => c.object === 'text_completion')).toBe(true);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [] });
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 4 });
    expect(chunks.slice(0, -1).every((c) => c.usage === undefined || c.usage === null)).toBe(true);
    expect(upstream.last()!.json).toMatchObject({ stream: true, messages: [{ role: 'user', content: 'Tell a story' }] });
  });

  it('bridged (OpenAI chat model): two prompts are two chat calls, choices numbered in order, echo puts the prompt first', async () => {
    const res = await client.completions.create({ model: 'gpt-4o', prompt: ['one', 'two'], echo: true });
    expect(res.choices.map((c) => [c.index, c.text])).toEqual([
      [0, 'oneecho: one'],
      [1, 'twoecho: two'],
    ]);
    expect(res.usage).toMatchObject({ prompt_tokens: 18, completion_tokens: 24, total_tokens: 42 });
    const chats = upstream.requests.filter((r) => r.path === '/chat/completions');
    expect(chats.map((r) => r.json.messages)).toEqual(expect.arrayContaining([[{ role: 'user', content: 'one' }], [{ role: 'user', content: 'two' }]]));
    expect(upstream.requests.some((r) => r.path === '/completions')).toBe(false);
  });

  it('sink event: route completions, the prompt as input, the text as output, usage', async () => {
    const { response, data } = await client.completions
      .create({ model: 'instruct', prompt: 'Log me', metadata: { trace_id: 'tr-completions' } } as OpenAI.CompletionCreateParamsNonStreaming)
      .withResponse();
    expect(data.choices[0].text).toBe(' done: Log me');
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toBeTruthy();
    const events = () => collector.requests.filter((r) => r.path === '/hook').flatMap((r) => r.json.events as any[]);
    await waitFor(() => events().some((e) => e.request_id === requestId));
    const event = events().find((e) => e.request_id === requestId);
    expect(event).toMatchObject({
      route: 'completions',
      model: 'instruct',
      deployment_id: 'instruct-1',
      provider: 'openai',
      upstream_model: 'gpt-3.5-turbo-instruct',
      status: 'success',
      stream: false,
      usage: USAGE,
      input: 'Log me',
      output: ' done: Log me',
      metadata: { trace_id: 'tr-completions' },
    });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_requests_total\{[^}]*route="completions"[^}]*model="instruct"/);
  });

  it('routing applies: a failed native attempt is retried, and a fallback onto a bridged model answers', async () => {
    upstream.reset();
    upstream.on('/completions', { status: 503, json: { error: { message: 'overloaded', type: 'server_error', param: null, code: null } } }, 1);
    onCompletions();
    const { data, response } = await client.completions
      .create({ model: 'instruct', prompt: 'again', num_retries: 1 } as OpenAI.CompletionCreateParamsNonStreaming)
      .withResponse();
    expect(data.choices[0].text).toBe(' done: again');
    expect(response.headers.get('x-gateway-attempts')).toBe('2');
    expect(upstream.requests.filter((r) => r.path === '/completions')).toHaveLength(2);

    upstream.reset();
    upstream.on('/completions', { status: 500, json: { error: { message: 'down', type: 'server_error', param: null, code: null } } });
    upstream.on('/v1/messages', claudeMessage('from the fallback'), 1);
    const fallback = await client.completions
      .create({ model: 'instruct', prompt: 'help', fallbacks: ['claude'] } as OpenAI.CompletionCreateParamsNonStreaming)
      .withResponse();
    expect(fallback.data.choices[0].text).toBe('from the fallback');
    expect(fallback.response.headers.get('x-gateway-fallback')).toBe('claude');
    expect(upstream.last()!.path).toBe('/v1/messages');
  });

  it('a stream refused before its first chunk is a JSON error with the upstream status', async () => {
    upstream.reset();
    upstream.on('/v1/messages', { status: 429, json: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } }, 1);
    const { status, body } = await failure(client.completions.create({ model: 'claude', prompt: 'x', stream: true }));
    expect(status).toBe(429);
    expect(body).toMatchObject({ type: 'rate_limit_error' });
  });

  it('a bridged stream that breaks after it began ends with an error event the SDK raises', async () => {
    upstream.reset();
    upstream.on('/v1/messages', { ...claudeStream(['Hello ', 'there ', 'friend']), breakAfter: 4, eventDelayMs: 30 }, 1);
    const stream = await client.completions.create({ model: 'claude', prompt: 'x', stream: true });
    let text = '';
    const err = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(text).toBe('Hello there ');
    expect(err).toBeInstanceOf(OpenAI.APIError);
  });

  describe('errors in the OpenAI format', () => {
    it('unknown model: 404', async () => {
      const { status, body } = await failure(client.completions.create({ model: 'nope', prompt: 'x' }));
      expect(status).toBe(404);
      expect(body).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    });

    it.each<[string, string, object]>([
      ['temperature out of range', 'temperature', { model: 'instruct', prompt: 'x', temperature: 5 }],
      ['prompt missing', 'prompt', { model: 'instruct' }],
      ['prompt an object', 'prompt', { model: 'instruct', prompt: { text: 'x' } }],
      ['prompt an empty list', 'prompt', { model: 'instruct', prompt: [] }],
      ['logprobs above 5', 'logprobs', { model: 'instruct', prompt: 'x', logprobs: 6 }],
      ['n not a whole number', 'n', { model: 'instruct', prompt: 'x', n: 1.5 }],
      [
        'stream_options.include_usage not a boolean',
        'stream_options.include_usage',
        { model: 'instruct', prompt: 'x', stream: true, stream_options: { include_usage: 'yes' } },
      ],
      ['best_of with stream', 'best_of', { model: 'instruct', prompt: 'x', stream: true, best_of: 2 }],
      ['best_of below n', 'best_of', { model: 'instruct', prompt: 'x', best_of: 1, n: 2 }],
      ['metadata not an object', 'metadata', { model: 'instruct', prompt: 'x', metadata: 'x' }],
    ])('%s: 400 naming %s, no upstream call', async (_name, param, body) => {
      const res = await rawPost(`${gw.url}/v1/completions`, JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param });
      expect(upstream.requests).toHaveLength(0);
    });

    it.each<[string, string, object]>([
      ['token ids', 'prompt', { prompt: [1, 2, 3] }],
      ['suffix', 'suffix', { prompt: 'x', suffix: 'y' }],
      ['best_of above n', 'best_of', { prompt: 'x', best_of: 3 }],
    ])('%s on a bridged model: 400 naming %s, no upstream call', async (_name, param, body) => {
      const { status, body: error } = await failure(client.completions.create({ model: 'claude', ...body } as OpenAI.CompletionCreateParamsNonStreaming));
      expect(status).toBe(400);
      expect(error).toMatchObject({ type: 'invalid_request_error', param });
      expect(upstream.requests).toHaveLength(0);
    });

    it('an upstream 400 comes back as an OpenAI error', async () => {
      upstream.reset();
      upstream.on('/completions', { status: 400, json: { error: { message: 'bad suffix', type: 'invalid_request_error', param: 'suffix', code: null } } }, 1);
      const { status, body } = await failure(client.completions.create({ model: 'instruct', prompt: 'x', suffix: 'y' }));
      expect(status).toBe(400);
      expect(body).toMatchObject({ type: 'invalid_request_error' });
      expect(body.message).toContain('bad suffix');
    });
  });
});

describe('legacy completions with virtual keys (PostgreSQL)', () => {
  const MASTER = 'sk-master-completions-e2e';
  let db: TestDatabase;
  let gw: StartedGateway;

  beforeAll(async () => {
    db = await createPostgresDatabase('completions');
    gw = await startGateway({
      model_list: [
        { model_name: 'alpha', litellm_params: { model: 'openai/alpha', mock_response: 'hello from alpha' } },
        { model_name: 'beta', litellm_params: { model: 'openai/beta', mock_response: 'hello from beta' } },
      ],
      general_settings: { master_key: MASTER, ...db.settings },
    });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await db?.drop();
  });

  it("a key's model allowlist holds for /v1/completions: allowed model answers, another is 403", async () => {
    const created = await rawPost(`${gw.url}/key/generate`, JSON.stringify({ models: ['alpha'] }), { authorization: `Bearer ${MASTER}` });
    expect(created.status).toBe(200);
    const keyClient = gw.client(created.json.key as string);
    const ok = await keyClient.completions.create({ model: 'alpha', prompt: 'hi' });
    expect(ok.choices[0].text).toBe('hello from alpha');
    const { status, body } = await failure(keyClient.completions.create({ model: 'beta', prompt: 'hi' }));
    expect(status).toBe(403);
    expect(body).toMatchObject({ param: 'model', code: 'model_not_allowed' });
    const stream = await keyClient.completions.create({ model: 'alpha', prompt: 'hi', stream: true, stream_options: { include_usage: true } });
    let streamed = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.text ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(streamed).toBe('hello from alpha');
    expect(usage?.total_tokens).toBeGreaterThan(0);
    const noKey = await failure(gw.client('sk-wrong').completions.create({ model: 'alpha', prompt: 'hi' }));
    expect(noKey.status).toBe(401);
  });
});

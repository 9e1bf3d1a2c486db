import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';
import { encodeAwsEventStream } from '../conformance/provider-conformance';
import { verifySigV4 } from '../fixtures/bedrock/sigv4-verifier';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const PATH = '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0';
const SECRET = 'e2e-bedrock-secret-key';
const converse = (content: unknown[], stopReason = 'end_turn') => ({
  output: { message: { role: 'assistant', content } },
  stopReason,
  usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
  metrics: { latencyMs: 100 },
});
const ev = (type: string, body: object) => ({ headers: { ':event-type': type, ':message-type': 'event', ':content-type': 'application/json' }, body });
const awsError = (status: number, type: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...headers },
  json: { message },
});

describe('bedrock through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  /** Every request that reached "AWS" must carry a valid SigV4 signature for the configured secret. */
  async function expectAllSigned(): Promise<void> {
    expect(upstream.requests.length).toBeGreaterThan(0);
    for (const r of upstream.requests) expect(await verifySigV4(r, SECRET)).toMatchObject({ valid: true, service: 'bedrock', region: 'us-west-2' });
  }

  beforeAll(async () => {
    await upstream.start();
    const aws = { aws_bedrock_runtime_endpoint: upstream.url, aws_access_key_id: 'AKIDE2E', aws_secret_access_key: 'os.environ/E2E_AWS_SECRET', aws_region_name: 'us-west-2' };
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'claude', litellm_params: { model: `bedrock/${MODEL}`, ...aws } },
          { model_name: 'titan', litellm_params: { model: 'bedrock/amazon.titan-embed-text-v2:0', ...aws } },
          { model_name: 'no-creds', litellm_params: { model: `bedrock/${MODEL}`, aws_bedrock_runtime_endpoint: upstream.url, aws_region_name: 'us-west-2' } },
        ],
        router_settings: { num_retries: 0, cooldown_time: 0 },
      },
      { env: { E2E_AWS_SECRET: SECRET } },
    );
    client = gw.client();
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it('chat: Converse is called, signed, and answered in the OpenAI format', async () => {
    upstream.on('/converse', { json: converse([{ text: 'Hello from Bedrock' }]) }, 1);
    const res = await client.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
    });
    expect(res.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from Bedrock' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    const sent = upstream.last()!;
    expect(sent.path).toBe(`${PATH}/converse`);
    expect(sent.json).toEqual({ system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { maxTokens: 50 } });
    await expectAllSigned();
  });

  it('stream: real event-stream frames, split mid-frame, become SSE chunks with usage', async () => {
    const wire = Buffer.concat(
      encodeAwsEventStream([
        ev('messageStart', { role: 'assistant' }),
        ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello ' } }),
        ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'world' } }),
        ev('contentBlockStop', { contentBlockIndex: 0 }),
        ev('messageStop', { stopReason: 'max_tokens' }),
        ev('metadata', { usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 }, metrics: { latencyMs: 50 } }),
      ]),
    );
    const pieces: Buffer[] = [];
    for (let at = 0; at < wire.length; at += 23) pieces.push(wire.subarray(at, at + 23));
    upstream.on('/converse-stream', { binary: pieces, eventDelayMs: 2 }, 1);

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
    expect(upstream.last()!.path).toBe(`${PATH}/converse-stream`);
    await expectAllSigned();
  });

  it('tools: toolUse comes back as tool_calls, and the round trip sends toolUse/toolResult blocks', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.on('/converse', { json: converse([{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }], 'tool_use') }, 1);
    const first = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, tool_choice: 'required' });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ id: 'tooluse_1', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(upstream.last()!.json.toolConfig.toolChoice).toEqual({ any: {} });

    upstream.on('/converse', { json: converse([{ text: 'Sunny.' }]) }, 1);
    const second = await client.chat.completions.create({
      model: 'claude',
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '18C, sunny' }],
    });
    expect(second.choices[0].message.content).toBe('Sunny.');
    expect(upstream.last()!.json.messages).toEqual([
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '18C, sunny' }] } }] },
    ]);
    await expectAllSigned();
  });

  it('embeddings: Titan v2 through InvokeModel, one signed call per input, base64 decoded by the SDK', async () => {
    upstream.on('/invoke', (req) => ({ json: { embedding: [0.5, -0.25, req.json.inputText.length], inputTextTokenCount: 2 } }), 2);
    const res = await client.embeddings.create({ model: 'titan', input: ['ab', 'abcd'] });
    expect(res.data.map((d) => d.embedding)).toEqual([
      [0.5, -0.25, 2],
      [0.5, -0.25, 4],
    ]);
    expect(res.usage).toMatchObject({ prompt_tokens: 4, total_tokens: 4 });
    expect(upstream.requests.map((r) => r.path)).toEqual(['/model/amazon.titan-embed-text-v2%3A0/invoke', '/model/amazon.titan-embed-text-v2%3A0/invoke']);
    await expectAllSigned();
  });

  it('errors: throttling keeps Retry-After, input too long is context_length_exceeded, missing credentials are a 401', async () => {
    upstream.on('/converse', awsError(429, 'ThrottlingException', 'Too many requests, please wait before trying again.', { 'retry-after': '4' }), 1);
    const limited = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('4');

    upstream.on('/converse', awsError(400, 'ValidationException', 'Input is too long for requested model.'), 1);
    const tooLong = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooLong.code).toBe('context_length_exceeded');

    upstream.on('/converse', awsError(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."), 1);
    const denied = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);

    // The adapter falls back to the AWS variables per call: hide any the machine has.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const before = upstream.requests.length;
    const noCreds = await client.chat.completions
      .create({ model: 'no-creds', messages: [{ role: 'user', content: 'x' }] })
      .then(() => null, (e) => e)
      .finally(() => {
        if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
        if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      });
    expect(noCreds).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(noCreds.message).toContain('aws_access_key_id');
    expect(upstream.requests.length).toBe(before);
  });

  it('stream errors: an exception event that opens the stream is a JSON 429, not a broken stream', async () => {
    upstream.on(
      '/converse-stream',
      { binary: encodeAwsEventStream([{ headers: { ':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json' }, body: { message: 'Too many requests' } }]) },
      1,
    );
    const err = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'x' }], stream: true }).then(
      async (s) => {
        for await (const _ of s);
        return null;
      },
      (e) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  });
});

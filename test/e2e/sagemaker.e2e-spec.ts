import OpenAI from 'openai';
import { MockUpstream, RecordedRequest } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';
import { encodeAwsEventStream } from '../conformance/provider-conformance';
import { verifySigV4 } from '../fixtures/bedrock/sigv4-verifier';

const SECRET = 'e2e-sagemaker-secret-key';
const CHAT_PATH = '/endpoints/my-tgi-endpoint/invocations';
const STREAM_PATH = '/endpoints/my-tgi-endpoint/invocations-response-stream';
const EMBED_PATH = '/endpoints/my-tei-endpoint/invocations';
const tgiCompletion = (message: object, finish = 'stop') => ({
  object: 'chat.completion',
  id: '',
  created: 1718000000,
  model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
  system_fingerprint: '3.3.5-sha-9f38d93',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finish }],
  usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 },
});
const tgiChunk = (delta: object, finish: string | null = null) => ({
  object: 'chat.completion.chunk',
  id: '',
  created: 1718000000,
  model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
  system_fingerprint: '3.3.5-sha-9f38d93',
  choices: [{ index: 0, delta: { role: 'assistant', ...delta }, logprobs: null, finish_reason: finish }],
  usage: null,
});
const usageChunk = (p: number, c: number) => ({ object: 'chat.completion.chunk', id: '', created: 1718000000, model: 'm', system_fingerprint: 'fp', choices: [], usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c } });
const sseText = (events: unknown[]) => events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join('');

/** The container's SSE bytes as SageMaker streams them: PayloadPart events of `partSize` bytes, the wire cut every `cut` bytes. */
function responseStream(text: string, partSize: number, cut: number): Buffer[] {
  const parts = [];
  for (let at = 0; at < text.length; at += partSize) {
    parts.push({ headers: { ':event-type': 'PayloadPart', ':message-type': 'event', ':content-type': 'application/octet-stream' }, body: text.slice(at, at + partSize) });
  }
  const wire = Buffer.concat(encodeAwsEventStream(parts));
  const pieces: Buffer[] = [];
  for (let at = 0; at < wire.length; at += cut) pieces.push(wire.subarray(at, at + cut));
  return pieces;
}
const awsError = (status: number, type: string, body: object, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/`, ...headers },
  json: body,
});
const modelError = (original: number, containerBody: object) =>
  awsError(424, 'ModelError', {
    Message: `Received client error (${original}) from primary with message "${JSON.stringify(containerBody)}".`,
    OriginalMessage: JSON.stringify(containerBody),
    OriginalStatusCode: original,
    LogStreamArn: 'arn:aws:logs:us-west-2:123456789012:log-group:/aws/sagemaker/Endpoints/my-tgi-endpoint',
  });
const failure = <T>(p: Promise<T>) => p.then(() => null as never, (e: unknown) => e as InstanceType<typeof OpenAI.APIError>);

describe('sagemaker through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  /** Every request that reached "AWS" must carry a valid SigV4 signature for the configured secret. */
  async function expectAllSigned(): Promise<void> {
    expect(upstream.requests.length).toBeGreaterThan(0);
    for (const r of upstream.requests) expect(await verifySigV4(r, SECRET)).toMatchObject({ valid: true, service: 'sagemaker', region: 'us-west-2' });
  }

  beforeAll(async () => {
    await upstream.start();
    const aws = { aws_sagemaker_runtime_endpoint: upstream.url, aws_access_key_id: 'AKIDE2ESM', aws_secret_access_key: 'os.environ/E2E_SAGEMAKER_SECRET', aws_region_name: 'us-west-2' };
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'tgi-chat', litellm_params: { model: 'sagemaker/my-tgi-endpoint', ...aws } },
          { model_name: 'sagemaker-embeddings', litellm_params: { model: 'sagemaker/my-tei-endpoint', ...aws } },
        ],
        router_settings: { num_retries: 0, cooldown_time: 0 },
      },
      { env: { E2E_SAGEMAKER_SECRET: SECRET } },
    );
    client = gw.client();
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it('chat: TGI Messages API on InvokeEndpoint, signed, answered in the OpenAI format', async () => {
    upstream.on(CHAT_PATH, { json: tgiCompletion({ content: 'Hello from TGI' }) }, 1);
    const res = await client.chat.completions.create({
      model: 'tgi-chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
      temperature: 0.2,
    });
    expect(res.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from TGI' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 });
    expect(res.id).toMatch(/^chatcmpl-/);
    const sent = upstream.last()!;
    expect(sent.path).toBe(CHAT_PATH);
    expect(sent.json).toEqual({
      model: 'tgi',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      stream: false,
    });
    await expectAllSigned();
  });

  it('stream: event-stream frames split mid-frame, PayloadPart bytes split mid-SSE-line, become SSE chunks with usage last', async () => {
    const text = sseText([tgiChunk({ content: 'Hello' }), tgiChunk({ content: ' from' }), tgiChunk({ content: ' SageMaker' }, 'length'), usageChunk(9, 3), '[DONE]']);
    upstream.on(STREAM_PATH, { binary: responseStream(text, 45, 31), eventDelayMs: 1 }, 1);

    const stream = await client.chat.completions.create({ model: 'tgi-chat', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Hello from SageMaker');
    expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(['length']);
    expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } });
    expect(chunks.filter((c) => c.choices[0]?.delta?.role === 'assistant')).toHaveLength(1);
    const sent = upstream.last()!;
    expect(sent.path).toBe(STREAM_PATH);
    expect(sent.json).toMatchObject({ model: 'tgi', stream: true, stream_options: { include_usage: true } });
    await expectAllSigned();
  });

  it('tools: a TGI tool call comes back as tool_calls, and the round trip sends tool_calls and the tool result', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.on(CHAT_PATH, { json: tgiCompletion({ tool_calls: [{ id: '0', type: 'function', function: { description: null, name: 'get_weather', arguments: '{"city":"Paris"}' } }] }) }, 1);
    const first = await client.chat.completions.create({ model: 'tgi-chat', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, tool_choice: 'required' });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(first.choices[0].message.content).toBeNull();
    expect(call).toMatchObject({ id: '0', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(upstream.last()!.json).toMatchObject({ tools, tool_choice: 'required' });

    upstream.on(CHAT_PATH, { json: tgiCompletion({ content: 'Sunny.' }) }, 1);
    const second = await client.chat.completions.create({
      model: 'tgi-chat',
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '18C, sunny' }],
    });
    expect(second.choices[0].message.content).toBe('Sunny.');
    expect(upstream.last()!.json.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', tool_calls: [{ id: '0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', content: '18C, sunny', tool_call_id: '0' },
    ]);
    await expectAllSigned();
  });

  it("stream tools: the SDK's stream helper assembles TGI's tool-call deltas into one call", async () => {
    const args = ['{', ' "city"', ': "Paris"', '}'];
    const text = sseText([
      ...args.map((a, i) =>
        tgiChunk({ tool_calls: [{ index: 0, id: '0', type: 'function', function: { name: i === 0 ? 'get_weather' : null, arguments: a } }] }, i === args.length - 1 ? 'stop' : null),
      ),
      usageChunk(80, 12),
      '[DONE]',
    ]);
    upstream.on(STREAM_PATH, { binary: responseStream(text, 64, 50) }, 1);
    const stream = client.chat.completions.stream({
      model: 'tgi-chat',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    expect(final.choices[0].message.tool_calls).toEqual([{ id: '0', type: 'function', function: { name: 'get_weather', arguments: '{ "city": "Paris"}' } }]);
    expect(JSON.parse((final.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall).function.arguments)).toEqual({ city: 'Paris' });
    expect(final.usage).toMatchObject({ prompt_tokens: 80, completion_tokens: 12 });
  });

  it('embeddings: "sagemaker-embeddings" goes to TEI, the SDK\'s base64 default decodes, token-id input (LangChain) is sent as text', async () => {
    upstream.on(EMBED_PATH, (req: RecordedRequest) => ({ json: req.json.inputs.map((t: string, i: number) => [0.5, -0.25, t.length, i]) }));
    const res = await client.embeddings.create({ model: 'sagemaker-embeddings', input: ['hello world', 'SageMaker embeddings'] });
    expect(res.data.map((d) => d.embedding)).toEqual([
      [0.5, -0.25, 11, 0],
      [0.5, -0.25, 20, 1],
    ]);
    expect(res.model).toBe('my-tei-endpoint');
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
    expect(upstream.last()!.json).toEqual({ inputs: ['hello world', 'SageMaker embeddings'] });

    // cl100k token ids of "hello world", as LangChain's OpenAIEmbeddings sends them.
    const tokens = await rawPost(`${gw.url}/v1/embeddings`, JSON.stringify({ model: 'sagemaker-embeddings', input: [[15339, 1917]], encoding_format: 'float' }), { authorization: 'Bearer sk-anything' });
    expect(tokens.status).toBe(200);
    expect(tokens.json.data[0].embedding).toEqual([0.5, -0.25, 11, 0]);
    expect(upstream.last()!.json).toEqual({ inputs: ['hello world'] });
    expect(upstream.requests.every((r) => r.path === EMBED_PATH)).toBe(true);
    await expectAllSigned();
  });

  it('errors: each SageMaker failure arrives as the right OpenAI error class', async () => {
    const ask = () => failure(client.chat.completions.create({ model: 'tgi-chat', messages: [{ role: 'user', content: 'x' }] }));

    upstream.on(CHAT_PATH, awsError(400, 'ThrottlingException', { message: 'Rate exceeded' }, { 'retry-after': '4' }), 1);
    const limited = await ask();
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('4');

    upstream.on(CHAT_PATH, modelError(422, { error: 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 8192. Given: 8000 `inputs` tokens and 500 `max_new_tokens`', error_type: 'validation' }), 1);
    const tooLong = await ask();
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooLong.code).toBe('context_length_exceeded');
    expect(tooLong.message).toContain('must be <= 8192');

    upstream.on(CHAT_PATH, awsError(400, 'AccessDeniedException', { message: 'User is not authorized to perform: sagemaker:InvokeEndpoint' }), 1);
    expect(await ask()).toBeInstanceOf(OpenAI.PermissionDeniedError);

    upstream.on(CHAT_PATH, awsError(403, 'UnrecognizedClientException', { message: 'The security token included in the request is invalid.' }), 1);
    expect(await ask()).toBeInstanceOf(OpenAI.AuthenticationError);

    upstream.on(CHAT_PATH, awsError(400, 'ValidationError', { message: 'Endpoint my-tgi-endpoint of account 123456789012 not found.' }), 1);
    expect(await ask()).toBeInstanceOf(OpenAI.NotFoundError);

    upstream.on(CHAT_PATH, awsError(429, 'ModelNotReadyException', { message: 'Model is not ready yet.' }), 1);
    expect((await ask()).status).toBe(503);

    upstream.on(CHAT_PATH, modelError(424, { error: 'Request failed during generation: Server error: CUDA out of memory', error_type: 'generation' }), 1);
    const generation = await ask();
    expect(generation.status).toBe(502);
    expect(generation.message).toContain('CUDA out of memory');
    await expectAllSigned();
  });

  it('stream errors: a ModelStreamError that opens the stream is a JSON 502, not a broken stream', async () => {
    upstream.on(
      STREAM_PATH,
      {
        binary: encodeAwsEventStream([
          { headers: { ':message-type': 'exception', ':exception-type': 'ModelStreamError', ':content-type': 'application/json' }, body: { Message: 'Your model container closed the connection.', ErrorCode: 'StreamBroken' } },
        ]),
      },
      1,
    );
    const err = await failure(
      client.chat.completions.create({ model: 'tgi-chat', messages: [{ role: 'user', content: 'x' }], stream: true }).then(async (s) => {
        for await (const _ of s);
      }),
    );
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(502);
    expect(err.message).toContain('closed the connection');
  });
});

import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MODEL = 'gemini-2.0-flash';
const KEY = 'AIza-e2e-gemini-key';
const reply = (parts: unknown[], finishReason = 'STOP') => ({
  candidates: [{ index: 0, content: { role: 'model', parts }, finishReason }],
  usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 4, totalTokenCount: 16 },
  modelVersion: MODEL,
});
const googleError = (code: number, status: string, message: string, details?: unknown[]) => ({ status: code, json: { error: { code, status, message, ...(details ? { details } : {}) } } });

describe('gemini through the gateway (OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'flash', litellm_params: { model: `gemini/${MODEL}`, api_base: upstream.url, api_key: 'os.environ/E2E_GEMINI_KEY' } },
          { model_name: 'gemini-embed', litellm_params: { model: 'gemini/text-embedding-004', api_base: upstream.url, api_key: 'os.environ/E2E_GEMINI_KEY' } },
        ],
        router_settings: { num_retries: 0, cooldown_time: 0 },
      },
      { env: { E2E_GEMINI_KEY: KEY } },
    );
    client = gw.client();
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  it('chat: generateContent is called with the key header and answered in the OpenAI format', async () => {
    upstream.on(':generateContent', { json: reply([{ text: 'Hello from Gemini' }]) }, 1);
    const res = await client.chat.completions.create({
      model: 'flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
    });
    expect(res.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from Gemini' }, finish_reason: 'stop' });
    expect(res.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    const sent = upstream.last()!;
    expect(sent.path).toBe(`/v1beta/models/${MODEL}:generateContent`);
    expect(sent.headers['x-goog-api-key']).toBe(KEY);
    expect(sent.json).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { maxOutputTokens: 50 },
    });
  });

  it('stream: SSE events become chunks, with the usage chunk when asked', async () => {
    upstream.on(
      ':streamGenerateContent',
      {
        sse: [
          { data: { candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'Hello ' }] } }], usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } } },
          { data: { candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'world' }] }, finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 2, totalTokenCount: 11 } } },
        ],
      },
      1,
    );
    const stream = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
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
    expect(upstream.last()!.query.get('alt')).toBe('sse');
  });

  it('tools: functionCall comes back as tool_calls, and the round trip sends functionCall/functionResponse parts', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false } } },
    ];
    upstream.on(':generateContent', { json: reply([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]) }, 1);
    const first = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, tool_choice: 'required' });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(call.id).toMatch(/^call_/);
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(upstream.last()!.json.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(upstream.last()!.json.tools).toEqual([{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] }]);

    upstream.on(':generateContent', { json: reply([{ text: 'Sunny.' }]) }, 1);
    const second = await client.chat.completions.create({
      model: 'flash',
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temp_c": 18}' }],
    });
    expect(second.choices[0].message.content).toBe('Sunny.');
    expect(upstream.last()!.json.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp_c: 18 } } }] },
    ]);
  });

  it('embeddings: one input via embedContent, several via batchEmbedContents, base64 decoded by the SDK', async () => {
    upstream.on(':embedContent', { json: { embedding: { values: [0.5, -0.25] } } }, 1);
    const one = await client.embeddings.create({ model: 'gemini-embed', input: 'hello' });
    expect(one.data[0].embedding).toEqual([0.5, -0.25]);

    upstream.on(':batchEmbedContents', { json: { embeddings: [{ values: [1, 2] }, { values: [3, 4] }] } }, 1);
    const many = await client.embeddings.create({ model: 'gemini-embed', input: ['a', 'b'], dimensions: 2 });
    expect(many.data.map((d) => d.embedding)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(upstream.last()!.json.requests).toEqual([
      { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 2 },
      { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 2 },
    ]);
  });

  it('errors: RESOURCE_EXHAUSTED keeps retryDelay, a bad key is 401, a blocked prompt is content_policy_violation, unsupported params a 400', async () => {
    upstream.on(':generateContent', googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '6s' }]), 1);
    const limited = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('6');

    upstream.on(':generateContent', googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]), 1);
    const badKey = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(JSON.stringify(badKey.error)).not.toContain(KEY);

    upstream.on(':generateContent', { json: { promptFeedback: { blockReason: 'SAFETY' } } }, 1);
    const blocked = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'x' }] }).then(() => null, (e) => e);
    expect(blocked).toBeInstanceOf(OpenAI.BadRequestError);
    expect(blocked.code).toBe('content_policy_violation');

    const before = upstream.requests.length;
    const refused = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'x' }], logprobs: true }).then(() => null, (e) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.param).toBe('logprobs');
    expect(upstream.requests.length).toBe(before);
  });
});

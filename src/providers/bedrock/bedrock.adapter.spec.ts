import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { AuthenticationError, InvalidRequestError } from '../../common/errors';
import { buildDeployment } from '../../deployments/deployment.factory';
import type { CallOptions } from '../provider-adapter.interface';
import { MockUpstream, RecordedRequest } from '../../../test/support/mock-upstream.server';
import { encodeAwsEventStream } from '../../../test/conformance/provider-conformance';
import { verifySigV4 } from '../../../test/fixtures/bedrock/sigv4-verifier';
import { BedrockAdapter } from './bedrock.adapter';

const SECRET = 'adapter-spec-secret';
const options = (): CallOptions => ({ signal: new AbortController().signal, timeoutMs: 5000, requestId: 'req-bedrock' });
const ev = (type: string, body: unknown) => ({ headers: { ':event-type': type, ':message-type': 'event', ':content-type': 'application/json' }, body });

describe('BedrockAdapter against a mock Bedrock runtime', () => {
  const upstream = new MockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => upstream.reset());

  const deployment = (model: string, extra: Record<string, unknown> = {}) =>
    buildDeployment({
      model_name: 'm',
      litellm_params: { model: `bedrock/${model}`, aws_bedrock_runtime_endpoint: upstream.url, aws_access_key_id: 'AKID', aws_secret_access_key: SECRET, aws_region_name: 'us-east-1', ...extra },
    });

  it('embeds with Titan one input per call, in order, summing the token counts', async () => {
    upstream.on('/invoke', (req: RecordedRequest) => {
      const text = String(req.json.inputText);
      return { json: { embedding: [text.length, text.charCodeAt(0)], inputTextTokenCount: text.length } };
    });
    const texts = Array.from({ length: 11 }, (_, i) => 'x'.repeat(i + 1));
    const res = await new BedrockAdapter({}).embeddings({ model: 'e', input: texts }, deployment('amazon.titan-embed-text-v2:0'), options());
    expect(upstream.requests).toHaveLength(11);
    expect(res.data.map((d) => d.index)).toEqual(texts.map((_, i) => i));
    expect(res.data.map((d) => (d.embedding as number[])[0])).toEqual(texts.map((t) => t.length));
    expect(res.usage).toEqual({ prompt_tokens: 66, total_tokens: 66 });
    for (const r of upstream.requests) expect((await verifySigV4(r, SECRET)).valid).toBe(true);
  });

  it('embeds with Cohere in batches of at most 96 texts, indexes continuous', async () => {
    upstream.on('/invoke', (req: RecordedRequest) => ({
      headers: { 'x-amzn-bedrock-input-token-count': String(req.json.texts.length) },
      json: { embeddings: req.json.texts.map((t: string) => [Number(t)]), response_type: 'embeddings_floats' },
    }));
    const texts = Array.from({ length: 100 }, (_, i) => String(i));
    const res = await new BedrockAdapter({}).embeddings({ model: 'e', input: texts, input_type: 'search_query' }, deployment('cohere.embed-multilingual-v3'), options());
    expect(upstream.requests.map((r) => r.json.texts.length)).toEqual([96, 4]);
    expect(upstream.requests[0].json.input_type).toBe('search_query');
    expect(res.data.map((d) => d.index)).toEqual(texts.map((_, i) => i));
    expect(res.data.map((d) => (d.embedding as number[])[0])).toEqual(texts.map(Number));
    expect(res.usage.prompt_tokens).toBe(100);
  });

  it.each([
    ['an unknown embedding model', 'meta.llama3-8b-instruct-v1:0', 'hi', 'model'],
    ['token-array input', 'amazon.titan-embed-text-v1', [1, 2, 3], 'input'],
  ])('refuses %s before any call', async (_label, model, input, param) => {
    await expect(new BedrockAdapter({}).embeddings({ model: 'e', input: input }, deployment(model), options())).rejects.toMatchObject({ status: 400, param });
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses missing credentials with a 401 before any call, without echoing the secret', async () => {
    const d = buildDeployment({ model_name: 'm', litellm_params: { model: 'bedrock/x', aws_bedrock_runtime_endpoint: upstream.url, aws_secret_access_key: SECRET } });
    const err = await new BedrockAdapter({}).chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, d, options()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toMatch(/aws_access_key_id.*aws_region_name/);
    expect((err as Error).message).not.toContain(SECRET);
    expect(upstream.requests).toHaveLength(0);
  });

  it('signs with the environment credentials when the deployment has none', async () => {
    upstream.on('/converse', { json: { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn' } });
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_REGION: 'ca-central-1' };
    const d = buildDeployment({ model_name: 'm', litellm_params: { model: 'bedrock/x', aws_bedrock_runtime_endpoint: upstream.url } });
    await new BedrockAdapter(env).chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, d, options());
    const check = await verifySigV4(upstream.last()!, 'env-secret');
    expect(check).toMatchObject({ valid: true, accessKeyId: 'AKIDENV', region: 'ca-central-1' });
  });

  it('refuses an unsupported parameter before any call', async () => {
    await expect(new BedrockAdapter({}).chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], logprobs: true }, deployment('x'), options())).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(upstream.requests).toHaveLength(0);
  });

  it('streams frames that the network splits mid-message', async () => {
    const frames = encodeAwsEventStream([
      ev('messageStart', { role: 'assistant' }),
      ...'The quick brown fox'.split(' ').map((w) => ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: `${w} ` } })),
      ev('messageStop', { stopReason: 'end_turn' }),
      ev('metadata', { usage: { inputTokens: 2, outputTokens: 4, totalTokens: 6 } }),
    ]);
    const wire = Buffer.concat(frames);
    const pieces: Buffer[] = [];
    for (let at = 0; at < wire.length; at += 9) pieces.push(wire.subarray(at, at + 9));
    upstream.on('/converse-stream', { binary: pieces, eventDelayMs: 1 });

    const stream = await new BedrockAdapter({}).chatStream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true }, deployment('x'), options());
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('The quick brown fox ');
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 6 } });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('releases the upstream stream when the consumer stops early', async () => {
    const frames = encodeAwsEventStream([ev('messageStart', { role: 'assistant' }), ...Array.from({ length: 50 }, () => ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }))]);
    upstream.on('/converse-stream', { binary: frames, eventDelayMs: 20 });
    const stream = await new BedrockAdapter({}).chatStream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, deployment('x'), options());
    let seen = 0;
    for await (const _ of stream) if (++seen === 2) break;
    await new Promise((r) => setTimeout(r, 100));
    expect(upstream.aborted).toBe(1);
  });

  it('is a 502 when a 200 stream is not an event stream', async () => {
    upstream.on('/converse-stream', { status: 200, text: '<html>gateway page</html>' });
    await expect(new BedrockAdapter({}).chatStream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, deployment('x'), options())).rejects.toMatchObject({ status: 502 });
  });
});

import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { AuthenticationError } from '../../common/errors';
import { buildDeployment } from '../../deployments/deployment.factory';
import type { CallOptions } from '../provider-adapter.interface';
import { MockUpstream } from '../../../test/support/mock-upstream.server';
import { GeminiAdapter, geminiUrl } from './gemini.adapter';

const options = (): CallOptions => ({ signal: new AbortController().signal, timeoutMs: 5000, requestId: 'req-gemini' });
const hi = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };
const textEvent = (t: string) => ({ data: { candidates: [{ index: 0, content: { role: 'model', parts: [{ text: t }] } }] } });

describe('geminiUrl', () => {
  it.each([
    [undefined, 'gemini-2.0-flash', 'generateContent', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent'],
    [undefined, 'gemini-2.0-flash', 'streamGenerateContent', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse'],
    ['http://proxy.local/', 'models/gemini-1.5-pro', 'embedContent', 'http://proxy.local/v1beta/models/gemini-1.5-pro:embedContent'],
    ['https://proxy.local/google/v1', 'text-embedding-004', 'batchEmbedContents', 'https://proxy.local/google/v1/models/text-embedding-004:batchEmbedContents'],
    [undefined, 'tunedModels/my-model-abc', 'generateContent', 'https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model-abc:generateContent'],
  ] as const)('base %s, model %s, %s → %s', (base, model, method, url) => {
    expect(geminiUrl(base, model, method)).toBe(url);
  });
});

describe('GeminiAdapter against a mock Gemini API', () => {
  const upstream = new MockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => upstream.reset());

  const deployment = (extra: Record<string, unknown> = {}) =>
    buildDeployment({ model_name: 'm', litellm_params: { model: 'gemini/gemini-2.0-flash', api_base: upstream.url, ...extra } });

  it('refuses a missing key with a 401 before any call', async () => {
    await expect(new GeminiAdapter({}).chat(hi, deployment(), options())).rejects.toBeInstanceOf(AuthenticationError);
    expect(upstream.requests).toHaveLength(0);
  });

  it('uses GEMINI_API_KEY when the deployment has no key, in the header and never in the URL', async () => {
    upstream.on(':generateContent', { json: { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] } });
    await new GeminiAdapter({ GEMINI_API_KEY: 'env-key-123' }).chat(hi, deployment(), options());
    const got = upstream.last()!;
    expect(got.headers['x-goog-api-key']).toBe('env-key-123');
    expect(got.query.has('key')).toBe(false);
    expect(JSON.stringify(got.path)).not.toContain('env-key-123');
  });

  it('prefers the deployment key over the environment', async () => {
    upstream.on(':generateContent', { json: { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] } });
    await new GeminiAdapter({ GEMINI_API_KEY: 'env-key' }).chat(hi, deployment({ api_key: 'dep-key' }), options());
    expect(upstream.last()!.headers['x-goog-api-key']).toBe('dep-key');
  });

  it('streams SSE events that arrive slowly, ending with the usage chunk', async () => {
    upstream.on(':streamGenerateContent', {
      sse: [textEvent('one '), textEvent('two '), { data: { candidates: [{ index: 0, content: { parts: [{ text: 'three' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 3, totalTokenCount: 4 } } }],
      eventDelayMs: 10,
    });
    const stream = await new GeminiAdapter({}).chatStream({ ...hi, stream: true }, deployment({ api_key: 'k' }), options());
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 4 } });
    expect(upstream.last()!.query.get('alt')).toBe('sse');
  });

  it('releases the upstream stream when the consumer stops early', async () => {
    upstream.on(':streamGenerateContent', { sse: Array.from({ length: 40 }, (_, i) => textEvent(`w${i} `)), eventDelayMs: 20 });
    const stream = await new GeminiAdapter({}).chatStream({ ...hi, stream: true }, deployment({ api_key: 'k' }), options());
    let seen = 0;
    for await (const _ of stream) if (++seen === 2) break;
    await new Promise((r) => setTimeout(r, 100));
    expect(upstream.aborted).toBe(1);
  });

  it('is a 502 when a stream event is not JSON', async () => {
    upstream.on(':streamGenerateContent', { sse: [{ data: 'not json' }] });
    await expect(new GeminiAdapter({}).chatStream({ ...hi, stream: true }, deployment({ api_key: 'k' }), options())).rejects.toMatchObject({ status: 502 });
  });

  it('refuses token-array embedding input before any call', async () => {
    await expect(new GeminiAdapter({}).embeddings({ model: 'e', input: [[1, 2]] }, deployment({ api_key: 'k' }), options())).rejects.toMatchObject({ status: 400, param: 'input' });
    expect(upstream.requests).toHaveLength(0);
  });
});

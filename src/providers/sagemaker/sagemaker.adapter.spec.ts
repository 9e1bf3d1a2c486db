import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { buildDeployment } from '../../deployments/deployment.factory';
import type { CallOptions } from '../provider-adapter.interface';
import { MockUpstream, RecordedRequest } from '../../../test/support/mock-upstream.server';
import { encodeAwsEventStream } from '../../../test/conformance/provider-conformance';
import { verifySigV4 } from '../../../test/fixtures/bedrock/sigv4-verifier';
import { SageMakerAdapter } from './sagemaker.adapter';

const SECRET = 'sagemaker-adapter-spec-secret';
const options = (signal = new AbortController().signal): CallOptions => ({ signal, timeoutMs: 5000, requestId: 'req-sagemaker' });
const part = (bytes: string) => ({ headers: { ':event-type': 'PayloadPart', ':message-type': 'event', ':content-type': 'application/octet-stream' }, body: bytes });
const sse = (events: unknown[]) => events.map((e) => `data:${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join('');
const chunk = (content: string, finish: string | null = null) => ({
  object: 'chat.completion.chunk',
  id: '',
  created: 1,
  model: 'hf/model',
  system_fingerprint: 'fp',
  choices: [{ index: 0, delta: { role: 'assistant', content }, logprobs: null, finish_reason: finish }],
  usage: null,
});
const chat = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

describe('SageMakerAdapter against a mock SageMaker runtime', () => {
  const upstream = new MockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => upstream.reset());

  const deployment = (endpoint = 'my-endpoint', extra: Record<string, unknown> = {}) =>
    buildDeployment({
      model_name: 'm',
      litellm_params: {
        model: `sagemaker/${endpoint}`,
        aws_sagemaker_runtime_endpoint: upstream.url,
        aws_access_key_id: 'AKIDSM',
        aws_secret_access_key: SECRET,
        aws_region_name: 'eu-west-1',
        ...extra,
      },
    });

  it('signs every call for the sagemaker service over the path it sends', async () => {
    upstream.on('/invocations', { json: { choices: [{ message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } }, 1);
    await new SageMakerAdapter({}).chat(chat, deployment('my-endpoint', { aws_session_token: 'SESSION' }), options());
    const got = upstream.last()!;
    expect(got.path).toBe('/endpoints/my-endpoint/invocations');
    const check = await verifySigV4(got, SECRET, 'SESSION');
    expect(check).toMatchObject({ valid: true, accessKeyId: 'AKIDSM', region: 'eu-west-1', service: 'sagemaker' });
    expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type', 'x-amz-content-sha256', 'x-amz-security-token']));
    expect((await verifySigV4(got, 'another-secret')).valid).toBe(false);
  });

  it('takes the AWS environment variables when the deployment has no keys', async () => {
    upstream.on('/invocations', { json: [[1, 2]] }, 1);
    const d = buildDeployment({ model_name: 'e', litellm_params: { model: 'sagemaker/tei', aws_sagemaker_runtime_endpoint: upstream.url } });
    await new SageMakerAdapter({ AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_REGION: 'us-east-2' }).embeddings({ model: 'e', input: 'a' }, d, options());
    expect(await verifySigV4(upstream.last()!, 'env-secret')).toMatchObject({ valid: true, accessKeyId: 'AKIDENV', region: 'us-east-2' });
  });

  it('streams through invocations-response-stream with event-stream frames split anywhere, PayloadPart bytes split mid-line', async () => {
    const text = sse([chunk('Hello'), chunk(' there'), chunk(' friend', 'stop'), { choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } }, '[DONE]']);
    const wire = Buffer.concat(encodeAwsEventStream(Array.from({ length: Math.ceil(text.length / 13) }, (_, i) => part(text.slice(i * 13, i * 13 + 13)))));
    const pieces: Buffer[] = [];
    for (let at = 0; at < wire.length; at += 29) pieces.push(wire.subarray(at, at + 29));
    upstream.on('/invocations-response-stream', { binary: pieces }, 1);

    const out = await collect(await new SageMakerAdapter({}).chatStream({ ...chat, stream: true }, deployment(), options()));
    expect(out.map((c) => c.choices[0]?.delta.content ?? null).join('|')).toBe('Hello| there| friend|');
    expect(out[2].choices[0].finish_reason).toBe('stop');
    expect(out[3]).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } });
    expect(upstream.last()!.path).toBe('/endpoints/my-endpoint/invocations-response-stream');
    expect((await verifySigV4(upstream.last()!, SECRET)).valid).toBe(true);
  });

  it('stops reading at [DONE] and ignores events that are not PayloadPart', async () => {
    const frames = encodeAwsEventStream([
      part(sse([chunk('a', 'stop')])),
      { headers: { ':event-type': 'SomethingNew', ':message-type': 'event' }, body: 'data: {"nonsense": true}\n\n' },
      part(sse(['[DONE]'])),
      part('data: not json after done\n\n'),
    ]);
    upstream.on('/invocations-response-stream', { binary: frames }, 1);
    const out = await collect(await new SageMakerAdapter({}).chatStream({ ...chat, stream: true }, deployment(), options()));
    expect(out).toHaveLength(1);
  });

  it('throws a stream event that is not JSON as a 502', async () => {
    upstream.on('/invocations-response-stream', { binary: encodeAwsEventStream([part('data: <html>\n\n')]) }, 1);
    await expect(new SageMakerAdapter({}).chatStream({ ...chat, stream: true }, deployment(), options())).rejects.toMatchObject({ status: 502 });
  });

  it('throws a TGI error event that opens the stream from chatStream itself (so the router may retry)', async () => {
    upstream.on('/invocations-response-stream', { binary: encodeAwsEventStream([part(sse([{ error: 'Model is overloaded', error_type: 'overloaded' }]))]) }, 1);
    await expect(new SageMakerAdapter({}).chatStream({ ...chat, stream: true }, deployment(), options())).rejects.toMatchObject({ status: 503 });
  });

  it('releases the upstream stream when the consumer stops early', async () => {
    const frames = encodeAwsEventStream(Array.from({ length: 50 }, (_, i) => part(sse([chunk(`t${i}`)]))));
    upstream.on('/invocations-response-stream', { binary: frames, eventDelayMs: 10 }, 1);
    const stream = await new SageMakerAdapter({}).chatStream({ ...chat, stream: true }, deployment(), options());
    for await (const _ of stream) break;
    await new Promise((r) => setTimeout(r, 100));
    expect(upstream.aborted).toBe(1);
  });

  it('embeds in batches of at most 32 texts (TEI default), indexes continuous, usage estimated', async () => {
    upstream.on('/invocations', (req: RecordedRequest) => ({ json: req.json.inputs.map((t: string) => [Number(t), 1]) }));
    const texts = Array.from({ length: 70 }, (_, i) => String(i));
    const res = await new SageMakerAdapter({}).embeddings({ model: 'e', input: texts }, deployment('tei'), options());
    expect(upstream.requests.map((r) => r.json.inputs.length)).toEqual([32, 32, 6]);
    expect(upstream.requests.every((r) => r.path === '/endpoints/tei/invocations')).toBe(true);
    expect(res.data.map((d) => d.index)).toEqual(texts.map((_, i) => i));
    expect(res.data.map((d) => (d.embedding as number[])[0])).toEqual(texts.map(Number));
    expect(res.usage.prompt_tokens).toBe(70);
  });
});

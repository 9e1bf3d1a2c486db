import { BedrockAdapter } from './bedrock.adapter';
import { encodePathSegment, signBedrockRequest } from './bedrock.signer';
import { buildDeployment } from '../../deployments/deployment.factory';
import type { CallOptions } from '../provider-adapter.interface';
import { MockUpstream, RecordedRequest } from '../../../test/support/mock-upstream.server';
import { verifySigV4 } from '../../../test/fixtures/bedrock/sigv4-verifier';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const options: CallOptions = { signal: new AbortController().signal, timeoutMs: 5000, requestId: 'req-sigv4' };
const converseOk = { json: { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } } };

describe('Bedrock SigV4 signing, verified the way AWS does on receipt', () => {
  const upstream = new MockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => upstream.reset());

  async function callWith(model: string, extra: Record<string, unknown> = {}): Promise<RecordedRequest> {
    upstream.on(() => true, converseOk, 1);
    const deployment = buildDeployment({
      model_name: 'm',
      litellm_params: {
        model: `bedrock/${model}`,
        aws_bedrock_runtime_endpoint: upstream.url,
        aws_access_key_id: 'AKIDEXAMPLE',
        aws_secret_access_key: SECRET,
        aws_region_name: 'eu-west-1',
        ...extra,
      },
    });
    await new BedrockAdapter({}).chat({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, deployment, options);
    return upstream.last()!;
  }

  it.each([
    ['a model id with a colon', 'anthropic.claude-3-5-sonnet-20240620-v1:0', '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse'],
    ['a cross-region inference profile', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', '/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse'],
    [
      'an ARN (colons and slashes)',
      'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.meta.llama3-2-1b-instruct-v1:0',
      '/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Ainference-profile%2Feu.meta.llama3-2-1b-instruct-v1%3A0/converse',
    ],
  ])('signs %s over the encoded path it sends', async (_label, model, path) => {
    const got = await callWith(model);
    expect(got.path).toBe(path);
    const check = await verifySigV4(got, SECRET);
    expect(check).toMatchObject({ valid: true, accessKeyId: 'AKIDEXAMPLE', region: 'eu-west-1', service: 'bedrock' });
    expect(check.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type', 'x-amz-content-sha256']));
  });

  it('does not verify with another secret', async () => {
    const got = await callWith('amazon.nova-lite-v1:0');
    expect((await verifySigV4(got, SECRET)).valid).toBe(true);
    expect((await verifySigV4(got, 'not-the-secret')).valid).toBe(false);
  });

  it('does not verify once the body or the path is altered', async () => {
    const got = await callWith('amazon.nova-lite-v1:0');
    const tamperedBody = { ...got, raw: Buffer.from(got.raw.toString('utf8').replace('Hi', 'Ho')) };
    expect((await verifySigV4(tamperedBody, SECRET)).valid).toBe(false);
    const tamperedPath = { ...got, path: got.path.replace('nova-lite', 'nova-pro') };
    expect((await verifySigV4(tamperedPath, SECRET)).valid).toBe(false);
  });

  it('signs the session token of temporary credentials', async () => {
    const got = await callWith('amazon.nova-lite-v1:0', { aws_session_token: 'SESSIONTOKEN' });
    expect(got.headers['x-amz-security-token']).toBe('SESSIONTOKEN');
    const check = await verifySigV4(got, SECRET, 'SESSIONTOKEN');
    expect(check.valid).toBe(true);
    expect(check.signedHeaders).toContain('x-amz-security-token');
  });

  it('is deterministic for a fixed date and changes with the secret', async () => {
    const req = { url: new URL('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse'), method: 'POST' as const, headers: { 'Content-Type': 'application/json' }, body: '{}' };
    const date = new Date('2024-05-01T12:00:00Z');
    const a = await signBedrockRequest(req, { accessKeyId: 'AKID', secretAccessKey: 's1' }, 'us-east-1', date);
    const b = await signBedrockRequest(req, { accessKeyId: 'AKID', secretAccessKey: 's1' }, 'us-east-1', date);
    const c = await signBedrockRequest(req, { accessKeyId: 'AKID', secretAccessKey: 's2' }, 'us-east-1', date);
    expect(a.authorization).toBe(b.authorization);
    expect(a.authorization).not.toBe(c.authorization);
    expect(a.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/20240501\/us-east-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(a['x-amz-date']).toBe('20240501T120000Z');
    expect(a.host).toBe('bedrock-runtime.us-east-1.amazonaws.com');
  });

  it.each([
    ['anthropic.claude-v2:1', 'anthropic.claude-v2%3A1'],
    ['a/b', 'a%2Fb'],
    ["it's (x)*!", 'it%27s%20%28x%29%2A%21'],
  ])('encodes %s as an AWS path label', (input, encoded) => {
    expect(encodePathSegment(input)).toBe(encoded);
  });
});

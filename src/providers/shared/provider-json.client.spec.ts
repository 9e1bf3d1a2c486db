import { BadGatewayError } from '../../common/errors';
import { buildDeployment } from '../../deployments/deployment.factory';
import { MockUpstream } from '../../../test/support/mock-upstream.server';
import { postProviderJson } from './provider-json.client';

describe('postProviderJson', () => {
  const upstream = new MockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());
  beforeEach(() => upstream.reset());

  const deployment = buildDeployment({
    model_name: 'm',
    litellm_params: { model: 'x/y', extra_headers: { 'x-team': 'a', 'x-api-key': 'from-extra-headers' } },
  });
  const options = { signal: new AbortController().signal, timeoutMs: 2000, requestId: 'r', forwardHeaders: { traceparent: '00-abc-def-01' } };
  const mapError = (status: number, text: string) => new BadGatewayError(`mapped ${status}: ${text}`);

  it('sends JSON with trace and extra headers, the provider’s own headers winning', async () => {
    upstream.on('/p', { json: { ok: true } });
    const res = await postProviderJson({ provider: 'p', url: `${upstream.url}/p`, deployment, options, body: { a: 1 }, headers: { 'x-api-key': 'real' }, mapError });
    expect(await res.body.json()).toEqual({ ok: true });
    const sent = upstream.last()!;
    expect(sent.json).toEqual({ a: 1 });
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', traceparent: '00-abc-def-01', 'x-team': 'a', 'x-api-key': 'real' });
  });

  it('hands an error status and its body to the provider’s mapper', async () => {
    upstream.on('/p', { status: 418, text: 'teapot' });
    await expect(postProviderJson({ provider: 'p', url: `${upstream.url}/p`, deployment, options, body: {}, mapError })).rejects.toThrow('mapped 418: teapot');
  });
});

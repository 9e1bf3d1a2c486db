import { gzipSync } from 'node:zlib';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-surface';
const AUTH = { authorization: `Bearer ${MASTER}` };
const chatBody = (model = 'gpt-4o', extra: object = {}) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

/**
 * The HTTP surface the web framework owns: which paths match, how bodies are
 * parsed and refused, what an unknown route answers and how SSE is framed.
 * Written before the Express 4 → 5 move so that anything it changes shows here.
 */
describe('HTTP surface: route table, body parsing, unknown routes, SSE framing', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    const azure = (name: string, dep: string) => ({ model_name: name, litellm_params: { model: `azure/${dep}`, api_base: upstream.url, api_key: 'azure-secret', api_version: '2024-06-01' } });
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: `${upstream.url}/v1`, api_key: 'k' } },
          { model_name: 'text-embedding-3-small', litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${upstream.url}/v1`, api_key: 'k' } },
          azure('team:gpt-4o', 'colon-dep'),
          azure('my gpt', 'space-dep'),
          azure('a%b', 'percent-dep'),
          azure('team:embed', 'embed-dep'),
        ],
        router_settings: { num_retries: 0 },
        general_settings: { master_key: MASTER, max_request_size_mb: 0.01 },
      },
      { apiKey: MASTER },
    );
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  const get = (path: string, headers: Record<string, string> = AUTH) => fetch(`${gw.url}${path}`, { headers });

  describe('route table', () => {
    it.each([
      ['/models', 200],
      ['/v1/models', 200],
      ['/model/info', 200],
      ['/v1/model/info', 200],
      ['/health/liveliness', 200],
      ['/health/liveness', 200],
      ['/health/readiness', 200],
      ['/health', 200],
      ['/metrics', 200],
      ['/admin', 200],
      ['/admin/routes', 200],
    ])('GET %s → %i', async (path, status) => {
      const res = await get(path);
      expect(res.status).toBe(status);
    });

    it.each(['/chat/completions', '/v1/chat/completions'])('POST %s → 200 chat', async (path) => {
      const res = await rawPost(`${gw.url}${path}`, chatBody(), AUTH);
      expect(res.status).toBe(200);
      expect(res.json.object).toBe('chat.completion');
    });

    it.each(['/embeddings', '/v1/embeddings'])('POST %s → 200 embeddings', async (path) => {
      const res = await rawPost(`${gw.url}${path}`, JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }), AUTH);
      expect(res.status).toBe(200);
      expect(res.json.object).toBe('list');
    });

    it('POST /admin/routes/explain reaches the admin controller', async () => {
      const res = await rawPost(`${gw.url}/admin/routes/explain`, JSON.stringify({ model: 'gpt-4o' }), AUTH);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ model: 'gpt-4o', candidates: [expect.objectContaining({ kept: true, picked: true })] });
    });

    it('a trailing slash and upper-case letters match the same route (non-strict, case-insensitive)', async () => {
      expect((await get('/v1/models/')).status).toBe(200);
      expect((await get('/V1/Models')).status).toBe(200);
      const res = await rawPost(`${gw.url}/v1/chat/completions/`, chatBody(), AUTH);
      expect(res.status).toBe(200);
    });

    it('the query string does not change the route', async () => {
      const res = await rawPost(`${gw.url}/v1/chat/completions?foo=bar&a[b]=c`, chatBody(), AUTH);
      expect(res.status).toBe(200);
    });
  });

  describe('Azure deployment paths', () => {
    const azureChat = (segment: string, headers: Record<string, string> = {}) =>
      rawPost(`${gw.url}/openai/deployments/${segment}/chat/completions?api-version=2024-10-21`, chatBody('ignored-by-azure'), { 'api-key': MASTER, ...headers });

    it.each([
      ['team:gpt-4o', 'colon-dep'],
      ['team%3Agpt-4o', 'colon-dep'],
      ['team%3agpt-4o', 'colon-dep'],
      ['my%20gpt', 'space-dep'],
      ['a%25b', 'percent-dep'],
    ])('/openai/deployments/%s/chat/completions reaches deployment %s', async (segment, dep) => {
      const res = await azureChat(segment);
      expect(res.status).toBe(200);
      expect(res.json.object).toBe('chat.completion');
      expect(upstream.last()!.path).toBe(`/openai/deployments/${dep}/chat/completions`);
    });

    it('embeddings with a ":" in the deployment name', async () => {
      const res = await rawPost(`${gw.url}/openai/deployments/team:embed/embeddings?api-version=2024-10-21`, JSON.stringify({ input: ['doc'] }), { 'api-key': MASTER });
      expect(res.status).toBe(200);
      expect(upstream.last()!.path).toBe('/openai/deployments/embed-dep/embeddings');
    });

    it('the per-call middleware runs on Azure paths too (route debug header, call metrics)', async () => {
      const res = await azureChat('team%3Agpt-4o', { 'x-gateway-debug': 'true' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-gateway-route')).toMatch(/^model=team:gpt-4o .*-> ok$/);
      const metrics = await (await get('/metrics')).text();
      expect(metrics).toMatch(/gateway_requests_total\{[^}]*model="team:gpt-4o"[^}]*status_code="200"[^}]*\} [1-9]/);
    });

    it('a deployment name that is not a valid escape: 400 invalid_request_error, never a 500', async () => {
      const res = await azureChat('bad%E0%A4%A');
      expect(res.status).toBe(400);
      expect(res.json.error.type).toBe('invalid_request_error');
    });

    it('an unknown deployment is model_not_found, not an unknown route', async () => {
      const res = await azureChat('nope%3Anope');
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ code: 'model_not_found' });
    });
  });

  describe('body parsing', () => {
    it('malformed JSON → 400 invalid_json', async () => {
      const res = await rawPost(`${gw.url}/v1/chat/completions`, '{"model": ', AUTH);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    });

    it.each(['[1,2]', '"text"', 'null', '42'])('a body that is not a JSON object (%s) → 400 invalid_json', async (body) => {
      const res = await rawPost(`${gw.url}/v1/chat/completions`, body, AUTH);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    });

    it('an empty body → 400 with the missing field named', async () => {
      const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: AUTH });
      expect(res.status).toBe(400);
      const json = (await res.json()) as any;
      expect(json.error.type).toBe('invalid_request_error');
      expect(json.error.param).toBe('model');
    });

    it('a JSON body is parsed whatever the content-type says', async () => {
      const res = await rawPost(`${gw.url}/v1/chat/completions`, chatBody(), { ...AUTH, 'content-type': 'text/plain' });
      expect(res.status).toBe(200);
    });

    it('a gzip-encoded body is inflated', async () => {
      const res = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        body: gzipSync(chatBody()),
        headers: { ...AUTH, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(res.status).toBe(200);
    });

    it('an unknown content-encoding → 415 unsupported_encoding', async () => {
      const res = await rawPost(`${gw.url}/v1/chat/completions`, chatBody(), { ...AUTH, 'content-encoding': 'xz' });
      expect(res.status).toBe(415);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_content_encoding' });
    });

    it('over max_request_size_mb → 413 request_too_large (also when gzip hides the size)', async () => {
      const big = chatBody('gpt-4o', { messages: [{ role: 'user', content: 'y'.repeat(20_000) }] });
      const res = await rawPost(`${gw.url}/v1/chat/completions`, big, AUTH);
      expect(res.status).toBe(413);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
      const zipped = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: gzipSync(big), headers: { ...AUTH, 'content-encoding': 'gzip' } });
      expect(zipped.status).toBe(413);
    });
  });

  describe('unknown routes and response headers', () => {
    it.each([
      ['GET', '/v1/nope'],
      ['POST', '/v1/nope'],
      ['GET', '/v1/chat/completions'],
      ['DELETE', '/v1/models'],
      ['GET', '/openai/deployments/team:gpt-4o/chat/completions'],
    ])('%s %s → 404 JSON naming the route', async (method, path) => {
      const res = await fetch(`${gw.url}${path}`, { method, headers: { ...AUTH, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      const json = (await res.json()) as any;
      expect(json.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found', message: `Unknown route: ${method} ${path}` });
    });

    it('no x-powered-by and no etag; a request id on every answer', async () => {
      const res = await get('/v1/models');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('etag')).toBeNull();
      expect(res.headers.get('x-request-id')).toBeTruthy();
    });
  });

  describe('SSE writer', () => {
    it('streams text/event-stream, chunked, no buffering, data events ending with [DONE]', async () => {
      const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: chatBody('gpt-4o', { stream: true }) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('x-accel-buffering')).toBe('no');
      expect(res.headers.get('content-length')).toBeNull();
      const text = await res.text();
      const events = text.split('\n\n').filter(Boolean);
      expect(events.every((e) => e.startsWith('data: '))).toBe(true);
      expect(events.at(-1)).toBe('data: [DONE]');
      const content = events
        .slice(0, -1)
        .map((e) => JSON.parse(e.slice(6)))
        .map((c) => c.choices[0]?.delta?.content ?? '')
        .join('');
      expect(content).toBe('echo: hi');
    });
    // An error after the first chunk (one error event, then the end): core-chat.e2e-spec.ts.
  });
});

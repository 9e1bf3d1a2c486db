import { request } from 'undici';
import { deflateSync, gzipSync } from 'node:zlib';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-fuzz';
const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
const CASES = Number(process.env.FUZZ_CASES ?? 5000);

/** A small deterministic PRNG (LCG), so a failing case is replayed with FUZZ_SEED. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}
type Rand = ReturnType<typeof prng>;

const ROUTES: Array<[string, string]> = [
  ['POST', '/chat/completions'], ['POST', '/v1/chat/completions'], ['POST', '/embeddings'], ['POST', '/v1/embeddings'],
  ['POST', '/moderations'], ['POST', '/v1/moderations'], ['POST', '/openai/deployments/m/chat/completions?api-version=2024-10-21'],
  ['POST', '/openai/deployments/e/embeddings?api-version=x'], ['POST', '/openai/deployments/%ZZ/chat/completions'],
  ['GET', '/models'], ['GET', '/v1/models'], ['GET', '/model/info'], ['GET', '/v1/model/info'], ['GET', '/admin/routes'],
  ['POST', '/admin/routes/explain'], ['GET', '/admin'], ['POST', '/admin/config/reload'], ['GET', '/health/liveliness'],
  ['GET', '/health/readiness'], ['GET', '/health'], ['GET', '/metrics'], ['POST', '/v1/nope'], ['DELETE', '/v1/chat/completions'],
];

const SCALARS: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, '', 'x', 'yes', '\u0000', '\ud800', 'a'.repeat(5000), [], {}, [null], [[]], [{}]];
const FIELDS = [
  'model', 'messages', 'input', 'stream', 'stream_options', 'temperature', 'top_p', 'n', 'max_tokens', 'stop', 'tools', 'tool_choice',
  'response_format', 'logit_bias', 'seed', 'user', 'metadata', 'user_config', 'api_key', 'api_base', 'api_version', 'num_retries',
  'fallbacks', 'timeout', 'encoding_format', 'dimensions', '__proto__', 'constructor', 'disable_fallbacks', 'logprobs', 'top_logprobs',
];
const MODELS = ['m', 'e', 'up', 'nope', '', 'm'.repeat(300)];

function nested(r: Rand, depth: number): string {
  const open = r.pick(['[', '{"a":']);
  return open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth);
}

function value(r: Rand, depth = 0): unknown {
  const k = r.int(10);
  if (depth > 3 || k < 5) return r.pick(SCALARS);
  if (k < 7) return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
  if (k < 8) return { role: r.pick(['user', 'assistant', 'tool', 'robot', 7]), content: value(r, depth + 1), tool_calls: r.next() < 0.3 ? value(r, depth + 1) : undefined };
  if (k < 9) return { type: r.pick(['text', 'image_url', 'function', 'input_audio', 'file', 3]), text: value(r, depth + 1), image_url: value(r, depth + 1), function: value(r, depth + 1) };
  return { include_usage: value(r, depth + 1), name: value(r, depth + 1), parameters: value(r, depth + 1) };
}

/** A mostly-valid body with a few fields replaced, or raw garbage. */
function body(r: Rand): string | Buffer {
  const kind = r.int(20);
  if (kind === 0) return Buffer.from(Array.from({ length: r.int(200) }, () => r.int(256)));
  if (kind === 1) return JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).slice(0, r.int(50));
  if (kind === 2) return nested(r, 60 + r.int(20000));
  if (kind === 3) return `{"model":"m","messages":[{"role":"user","content":"x"}],"${r.pick(['metadata', 'user_config', 'tools', 'stream_options'])}":${nested(r, 50 + r.int(5000))}}`;
  if (kind === 4) return JSON.stringify(r.pick(SCALARS));
  const b: Record<string, unknown> = { model: r.pick(MODELS), messages: [{ role: 'user', content: 'hi' }], input: 'hi' };
  for (let i = 0, n = 1 + r.int(4); i < n; i++) b[r.pick(FIELDS)] = value(r);
  if (r.next() < 0.2) b.stream = true;
  return JSON.stringify(b);
}

function headers(r: Rand, payload: string | Buffer): { headers: Record<string, string>; payload: string | Buffer } {
  const h: Record<string, string> = {};
  const auth = r.int(6);
  if (auth < 3) h.authorization = `Bearer ${MASTER}`;
  else if (auth === 3) h.authorization = r.pick(['Bearer', 'Basic abc', 'Bearer sk-wrong', `Bearer ${'k'.repeat(3000)}`, 'bearer  ']);
  else if (auth === 4) h['api-key'] = r.pick([MASTER, 'nope', '']);
  h['content-type'] = r.pick(['application/json', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '*/*']);
  if (r.next() < 0.3) h['x-request-id'] = r.pick(['ok-1', 'bad id with spaces', 'x'.repeat(500)]);
  if (r.next() < 0.2) h.traceparent = r.pick(['00-zz', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`, 'garbage']);
  if (r.next() < 0.2) h['x-gateway-debug'] = r.pick(['true', 'yes', '']);
  const enc = r.int(12);
  if (enc === 0) return { headers: { ...h, 'content-encoding': 'gzip' }, payload: gzipSync(payload) };
  if (enc === 1) return { headers: { ...h, 'content-encoding': 'deflate' }, payload: deflateSync(payload) };
  if (enc === 2) h['content-encoding'] = r.pick(['gzip', 'br', 'deflate', 'zstd', 'gzip, br', 'identity', ',,']);
  return { headers: h, payload };
}

describe('fuzz: generated bad bodies and headers on every route', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    // A provider that answers well: every 5xx left would be the gateway's own.
    upstream.on('/moderations', { json: { id: 'modr-1', model: 'up', results: [{ flagged: false, categories: {}, category_scores: {} }] } });
    gw = await startGateway({
      model_list: [
        { model_name: 'm', litellm_params: { model: 'openai/m', mock_response: 'hello' } },
        { model_name: 'e', litellm_params: { model: 'openai/e', mock_response: 'embedding' } },
        { model_name: 'up', litellm_params: { model: 'openai/up', api_base: `${upstream.url}/v1`, api_key: 'sk-up' } },
      ],
      router_settings: { num_retries: 0 },
      general_settings: { master_key: MASTER, max_request_size_mb: 1 },
    });
  });
  afterAll(async () => {
    await gw.close();
    await upstream.stop();
  });

  it(`${CASES} requests (seed ${SEED}): no 5xx, no hang, every error in the OpenAI format, the process alive`, async () => {
    const r = prng(SEED);
    const failures: string[] = [];
    let next = 0;
    const one = async (i: number) => {
      const [method, path] = r.pick(ROUTES);
      const raw = method === 'POST' || r.next() < 0.2 ? body(r) : undefined;
      const { headers: h, payload } = raw === undefined ? { headers: headers(r, '').headers, payload: undefined } : headers(r, raw);
      const label = `#${i} ${method} ${path} ${JSON.stringify(h).slice(0, 200)} ${String(payload ?? '').slice(0, 120)}`;
      try {
        const res = await request(`${gw.url}${path}`, { method: method as 'POST', headers: h, body: payload, signal: AbortSignal.timeout(10_000) });
        const text = await res.body.text();
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${label} -> ${text.slice(0, 200)}`);
        // GET /admin is a web page: its 401 is a sign-in page for the browser, HTML by design.
        else if (res.statusCode >= 400 && !(path === '/admin' && String(res.headers['content-type']).startsWith('text/html'))) {
          const parsed = JSON.parse(text) as { error?: { message?: unknown; type?: unknown } };
          if (typeof parsed.error?.message !== 'string' || typeof parsed.error?.type !== 'string') failures.push(`not OpenAI format ${label} -> ${text.slice(0, 200)}`);
        }
      } catch (err) {
        failures.push(`${(err as Error).name} ${(err as Error).message} ${label}`);
      }
    };
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < CASES) await one(next++);
      }),
    );
    expect(failures.slice(0, 10)).toEqual([]);
    const live = await fetch(`${gw.url}/health/liveliness`);
    expect(live.status).toBe(200);
  }, 60_000);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { GatewayError } from '../../src/common/errors';
import type { ProviderAdapter } from '../../src/providers';
import type { CallOptions } from '../../src/providers/provider-adapter.interface';
import { buildDeployment } from '../../src/deployments/deployment.factory';
import { MockUpstream, ScriptedResponse } from '../support/mock-upstream.server';

/**
 * One recorded exchange: an OpenAI request, what the provider must receive,
 * what the provider answers, and what the client must get back.
 * `{{MOCK_URL}}` in `deployment` values becomes the mock provider's address.
 */
export interface ConformanceFixture {
  name: string;
  capability: 'chat' | 'chatStream' | 'embeddings' | 'moderations';
  deployment: Record<string, unknown> & { model: string };
  request: Record<string, unknown>;
  expectedUpstream?: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    /** Subset match unless `exactBody`. */
    body?: unknown;
    exactBody?: boolean;
  };
  upstreamResponse: ScriptedResponse & {
    /** AWS event-stream messages, encoded with the real codec. */
    awsEventStream?: Array<{ headers: Record<string, string>; body: unknown }>;
  };
  expected: {
    response?: unknown;
    chunks?: unknown[];
    error?: { status: number; type: string; code?: string | null; message?: string; retryAfterSeconds?: number; param?: string | null };
  };
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Encodes AWS event-stream messages as Bedrock sends them. */
export function encodeAwsEventStream(messages: Array<{ headers: Record<string, string>; body: unknown }>): Buffer[] {
  return messages.map((m) =>
    Buffer.from(
      codec.encode({
        headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, { type: 'string' as const, value: v }])),
        body: fromUtf8(typeof m.body === 'string' ? m.body : JSON.stringify(m.body)),
      }),
    ),
  );
}

function substitute<T>(value: T, url: string): T {
  return JSON.parse(JSON.stringify(value).split('{{MOCK_URL}}').join(url)) as T;
}

export function loadFixtures(dir: string): ConformanceFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as ConformanceFixture), name: `${f}: ${JSON.parse(readFileSync(join(dir, f), 'utf8')).name}` }));
}

/**
 * The shared conformance suite: every provider adapter replays its recorded
 * fixtures through a real HTTP mock of its provider.
 */
export function describeProviderConformance(adapter: ProviderAdapter, fixturesDir: string): void {
  describe(`${adapter.name} conformance`, () => {
    const upstream = new MockUpstream();
    beforeAll(() => upstream.start());
    afterAll(() => upstream.stop());
    beforeEach(() => upstream.reset());

    for (const fixture of loadFixtures(fixturesDir)) {
      it(fixture.name, async () => {
        const f = substitute(fixture, upstream.url);
        const { awsEventStream, ...scripted } = f.upstreamResponse;
        if (awsEventStream) scripted.binary = encodeAwsEventStream(awsEventStream);
        upstream.on(() => true, scripted, 1);
        const deployment = buildDeployment({ model_name: 'conformance', litellm_params: f.deployment });
        const options: CallOptions = { signal: new AbortController().signal, timeoutMs: 5000, requestId: 'req-conformance' };

        let result: unknown;
        const chunks: unknown[] = [];
        let error: unknown;
        try {
          const method = adapter[f.capability];
          if (!method) throw new Error(`${adapter.name} has no ${f.capability}`);
          result = await (method as Function).call(adapter, f.request, deployment, options);
          if (f.capability === 'chatStream') {
            for await (const chunk of result as AsyncIterable<unknown>) chunks.push(chunk);
          }
        } catch (err) {
          error = err;
        }

        if (f.expectedUpstream) {
          const got = upstream.last();
          expect(got).toBeDefined();
          const e = f.expectedUpstream;
          if (e.method) expect(got!.method).toBe(e.method);
          if (e.path) expect(got!.path).toBe(e.path);
          for (const [k, v] of Object.entries(e.query ?? {})) expect(got!.query.get(k)).toBe(v);
          for (const [k, v] of Object.entries(e.headers ?? {})) expect(got!.headers[k.toLowerCase()]).toBe(v);
          if (e.body !== undefined) {
            if (e.exactBody) expect(got!.json).toEqual(e.body);
            else expect(got!.json).toMatchObject(e.body as object);
          }
        }

        if (f.expected.error) {
          const x = f.expected.error;
          expect(error).toBeInstanceOf(GatewayError);
          const g = error as GatewayError;
          expect({ status: g.status, type: g.type }).toEqual({ status: x.status, type: x.type });
          if (x.code !== undefined) expect(g.code).toBe(x.code);
          if (x.param !== undefined) expect(g.param).toBe(x.param);
          if (x.message) expect(g.message).toContain(x.message);
          if (x.retryAfterSeconds !== undefined) expect(g.retryAfterSeconds).toBe(x.retryAfterSeconds);
          if (f.expected.chunks) expect(chunks).toMatchObject(f.expected.chunks);
          return;
        }
        if (error) throw error;
        if (f.expected.response !== undefined) expect(result).toMatchObject(f.expected.response as object);
        if (f.expected.chunks) expect(chunks).toMatchObject(f.expected.chunks);
      });
    }
  });
}

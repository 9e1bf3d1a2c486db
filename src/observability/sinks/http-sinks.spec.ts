import { MockUpstream } from '../../../test/support/mock-upstream.server';
import type { CallEvent } from '../events/call-event';
import { LangfuseSink } from './langfuse.sink';
import { SinkDeliveryError } from './sink-delivery.error';
import { WebhookSink } from './webhook.sink';

const ev = (id: string, metadata: Record<string, unknown> = {}): CallEvent =>
  ({
    request_id: id,
    timestamp: '2026-01-01T00:00:00.000Z',
    route: 'chat.completions',
    model: 'gpt-4o',
    deployment_id: 'd1',
    provider: 'openai',
    upstream_model: 'gpt-4o',
    status: 'success',
    http_status: 200,
    response_ms: 10,
    time_to_first_token_ms: null,
    attempts: 1,
    fallback_from: null,
    stream: false,
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    metadata,
    key_alias: null,
    team_id: null,
    cost: null,
    input: [],
    output: null,
    error: null,
  });

describe('HTTP sinks against a real collector', () => {
  const collector = new MockUpstream();
  beforeAll(() => collector.start());
  afterAll(() => collector.stop());
  beforeEach(() => collector.reset());

  describe('WebhookSink', () => {
    it('POSTs {"events": [...]} as JSON with the configured headers', async () => {
      collector.on('/ingest', { json: { ok: true } });
      const sink = new WebhookSink('webhook', { type: 'webhook', url: `${collector.url}/ingest`, headers: { Authorization: 'Bearer collector-token-1' } });
      await sink.send([ev('r1'), ev('r2')]);
      expect(collector.requests).toHaveLength(1);
      const req = collector.requests[0];
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers.authorization).toBe('Bearer collector-token-1');
      expect(req.json.events.map((e: CallEvent) => e.request_id)).toEqual(['r1', 'r2']);
    });

    it('retries on 500 and succeeds', async () => {
      collector.on('/ingest', { status: 500, text: 'boom' }, 2).on('/ingest', { json: { ok: true } });
      const sink = new WebhookSink('webhook', { type: 'webhook', url: `${collector.url}/ingest`, max_retries: 3 }, 1);
      await sink.send([ev('r1')]);
      expect(collector.requests).toHaveLength(3);
      expect(collector.requests.every((r) => r.json.events[0].request_id === 'r1')).toBe(true);
    });

    it('gives up after max_retries with an error that names the host only', async () => {
      collector.on('/ingest', { status: 503, text: 'down' });
      const sink = new WebhookSink('webhook', { type: 'webhook', url: `${collector.url}/ingest?token=abc123`, max_retries: 2 }, 1);
      const err = await sink.send([ev('r1')]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SinkDeliveryError);
      expect((err as SinkDeliveryError).status).toBe(503);
      expect((err as Error).message).not.toContain('abc123');
      expect(collector.requests).toHaveLength(3);
    });

    it('does not retry a 400', async () => {
      collector.on('/ingest', { status: 400, text: 'bad' });
      const sink = new WebhookSink('webhook', { type: 'webhook', url: `${collector.url}/ingest`, max_retries: 3 }, 1);
      await expect(sink.send([ev('r1')])).rejects.toThrow('HTTP 400');
      expect(collector.requests).toHaveLength(1);
    });

    it('times out a collector that never answers', async () => {
      collector.on('/ingest', { stall: true });
      const sink = new WebhookSink('webhook', { type: 'webhook', url: `${collector.url}/ingest`, timeout_ms: 100, max_retries: 0 });
      await expect(sink.send([ev('r1')])).rejects.toBeInstanceOf(SinkDeliveryError);
    });

    it('retries when the collector is unreachable', async () => {
      const dead = new MockUpstream();
      await dead.start();
      const url = `${dead.url}/ingest`;
      await dead.stop();
      const sink = new WebhookSink('webhook', { type: 'webhook', url, max_retries: 1 }, 1);
      await expect(sink.send([ev('r1')])).rejects.toThrow(/POST to 127\.0\.0\.1:\d+ failed/);
    });
  });

  describe('LangfuseSink', () => {
    const config = () => ({ type: 'langfuse' as const, host: `${collector.url}/`, public_key: 'pk-lf-1', secret_key: 'sk-lf-secret' });

    it('POSTs {batch: [...]} to /api/public/ingestion with basic auth public:secret', async () => {
      collector.on('/api/public/ingestion', { status: 207, json: { successes: [], errors: [] } });
      const sink = new LangfuseSink('langfuse', config());
      await sink.send([ev('r1', { trace_id: 't1', generation_id: 'g1', trace_user_id: 'u1' }), ev('r2')]);
      const req = collector.last()!;
      expect(req.path).toBe('/api/public/ingestion');
      const [scheme, token] = String(req.headers.authorization).split(' ');
      expect(scheme).toBe('Basic');
      expect(Buffer.from(token, 'base64').toString()).toBe('pk-lf-1:sk-lf-secret');
      const batch = req.json.batch as Array<{ id: string; type: string; timestamp: string; body: any }>;
      expect(batch.map((e) => e.type)).toEqual(['trace-create', 'generation-create', 'trace-create', 'generation-create']);
      expect(new Set(batch.map((e) => e.id)).size).toBe(4);
      expect(batch.every((e) => typeof e.timestamp === 'string')).toBe(true);
      expect(batch[0].body).toMatchObject({ id: 't1', userId: 'u1' });
      expect(batch[1].body).toMatchObject({ id: 'g1', traceId: 't1', usageDetails: { input: 1, output: 2, total: 3 } });
      expect(batch[3].body.traceId).toBe(batch[2].body.id);
    });

    it('retries on 500 with the same ids', async () => {
      collector.on('/api/public/ingestion', { status: 500, text: 'x' }, 1).on('/api/public/ingestion', { json: { successes: [], errors: [] } });
      const sink = new LangfuseSink('langfuse', config(), undefined, 1);
      await sink.send([ev('r1')]);
      expect(collector.requests).toHaveLength(2);
      expect(collector.requests[1].raw.toString()).toBe(collector.requests[0].raw.toString());
    });

    it('fails the batch when Langfuse reports per-event errors', async () => {
      collector.on('/api/public/ingestion', { status: 207, json: { successes: [], errors: [{ id: 'x', status: 400, message: 'bad' }] } });
      const sink = new LangfuseSink('langfuse', config(), undefined, 1);
      await expect(sink.send([ev('r1')])).rejects.toThrow('langfuse rejected 1 of 2 ingestion events');
      expect(collector.requests).toHaveLength(1);
    });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '../../src/observability/events/call-event';
import { GatewayLoggerService } from '../../src/observability/logging/gateway-logger.service';
import type { LangfuseIngestionEvent } from '../../src/observability/sinks/langfuse.types';
import { CapturedLines, waitFor } from '../../src/observability/testing/observability-test.helpers';
import { MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-e2e-obs-secret-0001';
const DEPLOYMENT_KEY = 'sk-deployment-obs-secret-0002';
const LANGFUSE_SECRET = 'sk-lf-obs-secret-0003';

/** A collector that answers like a webhook receiver and like Langfuse's ingestion API. */
function startCollector(): MockUpstream {
  const collector = new MockUpstream();
  collector.on('/hook', { json: { ok: true } });
  collector.on('/api/public/ingestion', { status: 207, json: { successes: [], errors: [] } });
  return collector;
}

const webhookEvents = (c: MockUpstream): CallEvent[] => c.requests.filter((r) => r.path === '/hook').flatMap((r) => r.json.events);
const langfuseEvents = (c: MockUpstream): LangfuseIngestionEvent[] =>
  c.requests.filter((r) => r.path === '/api/public/ingestion').flatMap((r) => r.json.batch);

async function webhookEvent(c: MockUpstream, requestId: string): Promise<CallEvent> {
  await waitFor(() => webhookEvents(c).some((e) => e.request_id === requestId));
  return webhookEvents(c).find((e) => e.request_id === requestId)!;
}

/** The trace-create and generation-create of one call (found by request id in the generation metadata). */
async function langfuseFor(c: MockUpstream, requestId: string) {
  const find = () => langfuseEvents(c).find((e) => e.type === 'generation-create' && e.body.metadata.request_id === requestId);
  await waitFor(() => find() !== undefined);
  const generation = find()!;
  const trace = langfuseEvents(c).find((e) => e.type === 'trace-create' && e.body.id === (generation.body as { traceId: string }).traceId)!;
  return { generation, trace, gen: generation.body as any, traceBody: trace.body as any };
}

describe('observability: metadata to sinks, Langfuse, logs, metrics (real app, OpenAI SDK)', () => {
  const upstream = new MockUpstream();
  const collector = startCollector();
  let dir: string;
  let file: string;
  let gw: StartedGateway;
  const logs = new CapturedLines();

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info'; // the access log is asserted (jest gives each test file its own env)
    dir = mkdtempSync(join(tmpdir(), 'obs-e2e-'));
    file = join(dir, 'logs', 'requests.jsonl');
    await upstream.start();
    await collector.start();
    gw = await startGateway(
      {
        model_list: [
          { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o-2024-08-06', api_base: `${upstream.url}/v1`, api_key: DEPLOYMENT_KEY }, model_info: { id: 'oa-1' } },
        ],
        router_settings: { num_retries: 0 },
        general_settings: { master_key: MASTER, allow_client_side_credentials: true },
        logging: {
          sinks: [
            { type: 'stdout' },
            { type: 'file', path: file, flush_interval_ms: 20 },
            { type: 'webhook', url: `${collector.url}/hook`, headers: { Authorization: 'Bearer collector-token' }, flush_interval_ms: 20 },
            { type: 'langfuse', host: collector.url, public_key: 'pk-lf-obs', secret_key: LANGFUSE_SECRET, flush_interval_ms: 20 },
          ],
        },
      },
      { apiKey: MASTER },
    );
    gw.app.get(GatewayLoggerService).setDestination(logs);
  });
  afterAll(async () => {
    await gw?.close();
    await upstream.stop();
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => upstream.reset());

  it('carries the client metadata example (OpenAI SDK) to the webhook, Langfuse, the JSONL file and stdout', async () => {
    const metadata = { generation_name: 'summarise-ticket', generation_id: 'gen-e2e-1', trace_id: 'trace-e2e-1', trace_user_id: 'user-e2e-1' };
    const completion = await gw
      .client()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello sinks' }], metadata } as any, {
        headers: { 'x-request-id': 'obs-meta-1' },
      });
    expect(completion.choices[0].message.content).toBe('echo: hello sinks');

    const event = await webhookEvent(collector, 'obs-meta-1');
    expect(event).toMatchObject({
      request_id: 'obs-meta-1',
      route: 'chat.completions',
      model: 'gpt-4o',
      deployment_id: 'oa-1',
      provider: 'openai',
      upstream_model: 'gpt-4o-2024-08-06',
      status: 'success',
      http_status: 200,
      attempts: 1,
      fallback_from: null,
      stream: false,
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
      metadata,
      input: [{ role: 'user', content: 'hello sinks' }],
      output: { role: 'assistant', content: 'echo: hello sinks' },
      error: null,
    });
    expect(event.response_ms).toEqual(expect.any(Number));
    expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
    const hook = collector.requests.find((r) => r.path === '/hook')!;
    expect(hook.headers.authorization).toBe('Bearer collector-token');

    const { traceBody, gen } = await langfuseFor(collector, 'obs-meta-1');
    const ingestion = collector.requests.find((r) => r.path === '/api/public/ingestion')!;
    expect(Buffer.from(String(ingestion.headers.authorization).replace('Basic ', ''), 'base64').toString()).toBe(`pk-lf-obs:${LANGFUSE_SECRET}`);
    expect(traceBody).toMatchObject({ id: 'trace-e2e-1', userId: 'user-e2e-1' });
    expect(gen).toMatchObject({
      id: 'gen-e2e-1',
      name: 'summarise-ticket',
      traceId: 'trace-e2e-1',
      model: 'gpt-4o-2024-08-06',
      input: [{ role: 'user', content: 'hello sinks' }],
      output: { role: 'assistant', content: 'echo: hello sinks' },
      usageDetails: { input: 9, output: 12, total: 21 },
      level: 'DEFAULT',
    });
    expect(Date.parse(gen.endTime)).toBeGreaterThanOrEqual(Date.parse(gen.startTime));

    await waitFor(() => readSafe(file).includes('"obs-meta-1"'));
    const line = readSafe(file)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((e) => e.request_id === 'obs-meta-1');
    expect(line.metadata).toEqual(metadata);

    await waitFor(() => logs.lines.some((l) => l.request_id === 'obs-meta-1' && l.msg === 'request completed'));
    const access = logs.lines.find((l) => l.request_id === 'obs-meta-1' && l.msg === 'request completed')!;
    expect(access).toMatchObject({ level: 'info', route: 'chat.completions', model: 'gpt-4o', deployment_id: 'oa-1', status: 200, attempts: 1 });
    expect(JSON.stringify(access)).not.toContain('hello sinks'); // no bodies at info
    // The stdout sink's event line (no `level`: it is the event itself).
    await waitFor(() => logs.lines.some((l) => l.request_id === 'obs-meta-1' && !('level' in l)));
    expect(logs.lines.filter((l) => l.request_id === 'obs-meta-1' && !('level' in l))).toHaveLength(1);
  });

  it('gives a streamed call usage, the assembled output and a first-token time', async () => {
    const stream = await gw
      .client()
      .chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'one two three' }], stream: true, stream_options: { include_usage: true } },
        { headers: { 'x-request-id': 'obs-stream-1' } },
      );
    for await (const _chunk of stream) {
      // drain
    }
    const event = await webhookEvent(collector, 'obs-stream-1');
    expect(event).toMatchObject({
      stream: true,
      status: 'success',
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
      output: { role: 'assistant', content: 'echo: one two three' },
    });
    expect(event.time_to_first_token_ms).toEqual(expect.any(Number));
    const { gen } = await langfuseFor(collector, 'obs-stream-1');
    expect(gen.completionStartTime).toEqual(expect.any(String));
  });

  it('records a failed call with its OpenAI error, and level ERROR in Langfuse', async () => {
    upstream.on('/chat/completions', { status: 500, json: { error: { message: 'upstream broke', type: 'server_error' } } }, 1);
    const err = (await gw
      .client()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'fail please' }] }, { headers: { 'x-request-id': 'obs-fail-1' } })
      .catch((e: unknown) => e)) as { status: number };
    expect(err.status).toBe(502);
    const event = await webhookEvent(collector, 'obs-fail-1');
    expect(event).toMatchObject({ status: 'failure', http_status: 502, error: { type: 'api_error' } });
    expect(event.error!.message).toEqual(expect.any(String));
    const { gen } = await langfuseFor(collector, 'obs-fail-1');
    expect(gen.level).toBe('ERROR');
    expect(gen.statusMessage).toContain('api_error');
  });

  it('takes trace_id from the W3C traceparent when metadata has none', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await gw.client().chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'traced' }], metadata: { generation_name: 'traced' } } as any,
      { headers: { 'x-request-id': 'obs-trace-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` } },
    );
    expect((await webhookEvent(collector, 'obs-trace-1')).metadata.trace_id).toBe(traceId);
    expect((await langfuseFor(collector, 'obs-trace-1')).traceBody.id).toBe(traceId);
  });

  it('lets no secret reach stdout, the JSONL file, the webhook or Langfuse', async () => {
    const secrets = {
      bodyKey: 'sk-client-body-secret-1111aaaa',
      userConfigKey: 'sk-userconfig-secret-2222bbbb',
      metadataShaped: 'sk-metadata-shaped-3333cccc',
      metadataKeyed: 'plain-metadata-secret-4444dddd',
      inContent: 'sk-ant-api03-content-5555eeee',
      awsId: 'AKIAIOSFODNN7EXAMPLE',
    };
    const base = { 'content-type': 'application/json', authorization: `Bearer ${MASTER}` };
    await rawPost(
      `${gw.url}/v1/chat/completions`,
      JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: `my keys: ${secrets.inContent} and ${secrets.awsId}` }],
        api_key: secrets.bodyKey,
        metadata: { generation_name: 'secret-test', note: `token ${secrets.metadataShaped}`, api_key: secrets.metadataKeyed },
      }),
      { ...base, 'x-request-id': 'obs-secret-1' },
    );
    await rawPost(
      `${gw.url}/v1/chat/completions`,
      JSON.stringify({
        model: 'uc-model',
        messages: [{ role: 'user', content: 'via user_config' }],
        user_config: { model_list: [{ model_name: 'uc-model', litellm_params: { model: 'openai/x', api_base: `${upstream.url}/v1`, api_key: secrets.userConfigKey } }] },
        metadata: { generation_name: 'secret-test-2' },
      }),
      { ...base, 'x-request-id': 'obs-secret-2' },
    );
    await webhookEvent(collector, 'obs-secret-1');
    await webhookEvent(collector, 'obs-secret-2');
    await langfuseFor(collector, 'obs-secret-1');
    await langfuseFor(collector, 'obs-secret-2');
    await waitFor(() => readSafe(file).includes('obs-secret-2'));
    await waitFor(() => logs.text.join('').includes('obs-secret-2'));

    const outputs = {
      stdout: logs.text.join(''),
      file: readSafe(file),
      webhook: collector.requests.filter((r) => r.path === '/hook').map((r) => r.raw.toString()).join('\n'),
      langfuse: collector.requests.filter((r) => r.path.includes('ingestion')).map((r) => r.raw.toString()).join('\n'),
    };
    for (const [where, text] of Object.entries(outputs)) {
      expect(text).toContain('obs-secret-1'); // the event is there…
      for (const secret of [...Object.values(secrets), MASTER, DEPLOYMENT_KEY, LANGFUSE_SECRET]) {
        if (text.includes(secret)) throw new Error(`${secret} found in ${where}`); // …its secrets are not
      }
    }
  });

  it('serves /metrics without a key, with call counts and process metrics', async () => {
    const res = await fetch(`${gw.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/gateway_requests_total\{route="chat.completions",model="gpt-4o",deployment="oa-1",status_code="200"\} \d+/);
    expect(text).toMatch(/gateway_tokens_input_total\{model="gpt-4o",deployment="oa-1"\} \d+/);
    expect(text).toContain('gateway_request_duration_seconds_bucket');
    expect(text).toContain('gateway_time_to_first_token_seconds_bucket');
    expect(text).toMatch(/gateway_sink_events_sent_total\{sink="webhook"\} \d+/);
    expect(text).toContain('gateway_requests_in_flight 0');
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('observability: redact_content', () => {
  const collector = startCollector();
  let gw: StartedGateway;
  beforeAll(async () => {
    await collector.start();
    gw = quiet(await startGateway({
      model_list: [{ model_name: 'mock-chat', litellm_params: { model: 'openai/mock', mock_response: 'private answer' } }],
      logging: {
        redact_content: true,
        sinks: [
          { type: 'webhook', url: `${collector.url}/hook`, flush_interval_ms: 20 },
          { type: 'langfuse', host: collector.url, public_key: 'pk', secret_key: 'sk-lf-x', flush_interval_ms: 20 },
        ],
      },
    }));
  });
  afterAll(async () => {
    await gw?.close();
    await collector.stop();
  });

  it('leaves input and output out of every sink, keeping metadata and usage', async () => {
    await gw.client().chat.completions.create(
      { model: 'mock-chat', messages: [{ role: 'user', content: 'private question' }], metadata: { generation_name: 'r' } } as any,
      { headers: { 'x-request-id': 'obs-redact-1' } },
    );
    const event = await webhookEvent(collector, 'obs-redact-1');
    expect('input' in event).toBe(false);
    expect('output' in event).toBe(false);
    expect(event.metadata.generation_name).toBe('r');
    const { gen, traceBody } = await langfuseFor(collector, 'obs-redact-1');
    expect(gen.input).toBeUndefined();
    expect(traceBody.input).toBeUndefined();
    const all = collector.requests.map((r) => r.raw.toString()).join('');
    expect(all).not.toContain('private question');
    expect(all).not.toContain('private answer');
  });
});

describe('observability: slow sinks and shutdown', () => {
  const mockModel = { model_list: [{ model_name: 'mock-chat', litellm_params: { model: 'openai/mock', mock_response: 'hi' } }] };

  async function latencies(gw: StartedGateway, n: number): Promise<number[]> {
    const client = gw.client();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: `m${i}` }] });
      out.push(performance.now() - t0);
    }
    return out;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it('a sink that stalls does not slow calls, and drops the oldest events with a count in /metrics', async () => {
    const stalled = new MockUpstream();
    stalled.on('/hook', { stall: true });
    await stalled.start();
    const baseline = quiet(await startGateway(mockModel));
    const slow = quiet(
      await startGateway({
        ...mockModel,
        logging: { sinks: [{ type: 'webhook', url: `${stalled.url}/hook`, timeout_ms: 30_000, max_retries: 0, max_queue: 2, batch_size: 1 }] },
      }),
    );
    try {
      await latencies(baseline, 3); // warm up both
      await latencies(slow, 3);
      const base = await latencies(baseline, 20);
      const withStall = await latencies(slow, 20);
      // The stalled sink would cost 30 s a call if it were on the request path.
      expect(Math.max(...withStall)).toBeLessThan(1000);
      expect(median(withStall)).toBeLessThan(median(base) * 3 + 50);
      await waitFor(() => stalled.requests.length === 1); // one send in flight, never more
      const metrics = await (await fetch(`${slow.url}/metrics`)).text();
      // 23 events: 1 in flight, 2 queued, the 20 oldest of the rest dropped.
      expect(metrics).toContain('gateway_sink_events_dropped_total{sink="webhook"} 20');
    } finally {
      await stalled.stop(); // the stuck send fails at once, so shutdown need not wait
      await baseline.close();
      await slow.close();
    }
  });

  it('flushes pending events on shutdown', async () => {
    const collector = startCollector();
    await collector.start();
    const gw = quiet(
      await startGateway({
        ...mockModel,
        logging: { sinks: [{ type: 'webhook', url: `${collector.url}/hook`, flush_interval_ms: 600_000, batch_size: 1000 }] },
      }),
    );
    try {
      await gw.client().chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-request-id': 'obs-flush-1' } });
      await waitFor(async () => (await (await fetch(`${gw.url}/metrics`)).text()).includes('gateway_requests_total{route="chat.completions"'));
      expect(webhookEvents(collector)).toHaveLength(0); // still queued
      await gw.close();
      expect(webhookEvents(collector).map((e) => e.request_id)).toEqual(['obs-flush-1']);
    } finally {
      await collector.stop();
    }
  });
});

/** Keeps a gateway's log lines out of the test output. */
function quiet(gw: StartedGateway): StartedGateway {
  gw.app.get(GatewayLoggerService).setDestination(new CapturedLines());
  return gw;
}

function readSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

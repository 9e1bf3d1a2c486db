import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { MockUpstream, type RecordedRequest } from '../support/mock-upstream.server';
import { startGateway, type StartedGateway } from '../support/gateway.harness';

/**
 * Two gateway replicas (two apps on their own ports, as two pods would be)
 * sharing router state through one real Redis: REDIS_URL (default
 * 127.0.0.1:6379) for sharing, and a private redis-server on a spare port for
 * the outage test. Keys carry a prefix unique to the run.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MASTER = 'sk-master-replicas';
const RUN = randomUUID().slice(0, 8);
const broken = { status: 500, json: { error: { message: 'The server had an error', type: 'server_error' } } };
const to = (prefix: string) => (r: RecordedRequest) => r.path.startsWith(`/${prefix}/`);

async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** rpm windows are fixed minutes: do not start a counting test in a minute's last seconds. */
async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

function config(upstreamUrl: string, redisUrl: string, prefix: string) {
  const dep = (model: string, id: string, extra: object = {}) => ({
    model_name: model,
    litellm_params: { model: `openai/${id}`, api_base: `${upstreamUrl}/${id}/v1`, api_key: 'sk-upstream', ...extra },
    model_info: { id },
  });
  return {
    model_list: [
      dep('flaky', 'flaky-1'),
      dep('steady', 'steady-1'),
      { model_name: 'limited', litellm_params: { model: 'openai/limited', mock_response: 'ok', rpm: 3 }, model_info: { id: 'limited-1' } },
    ],
    router_settings: { redis_url: redisUrl, redis_key_prefix: prefix, num_retries: 0, allowed_fails: 0, cooldown_time: 60 },
    general_settings: { master_key: MASTER },
  };
}

async function chat(gw: StartedGateway, model: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const readiness = (gw: StartedGateway) => fetch(`${gw.url}/health/readiness`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
const adminJson = (gw: StartedGateway, path: string) => fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${MASTER}` } }).then((r) => r.json() as Promise<any>);

async function cleanup(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, disconnectTimeout: 100 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } catch {
    // nothing to clean when that Redis is gone
  } finally {
    redis.disconnect();
  }
}

describe('replicas sharing router state through Redis', () => {
  const upstream = new MockUpstream();
  const prefix = `llmgw-e2e-${RUN}:`;
  let a: StartedGateway;
  let b: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    a = await startGateway(config(upstream.url, REDIS_URL, prefix), { apiKey: MASTER });
    b = await startGateway(config(upstream.url, REDIS_URL, prefix), { apiKey: MASTER });
    await eventually('both replicas ready', async () => (await readiness(a)).status === 200 && (await readiness(b)).status === 200);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await upstream.stop();
    await cleanup(REDIS_URL, prefix);
  });

  it('reports Redis in readiness while it answers', async () => {
    const r = await readiness(a);
    expect(r.body.details.redis).toMatchObject({ status: 'up' });
    expect(JSON.stringify(r.body)).not.toContain('redis://');
  });

  it('honours on one replica a cooldown entered through the other, without calling the provider', async () => {
    upstream.on(to('flaky-1'), broken, 1);
    const first = await chat(a, 'flaky');
    expect(first.status).toBe(502);
    expect(upstream.requests.filter(to('flaky-1'))).toHaveLength(1);

    const second = await chat(b, 'flaky');
    expect(second.status).toBe(503);
    expect(second.body.error.code).toBe('no_deployment_available');
    expect(upstream.requests.filter(to('flaky-1'))).toHaveLength(1);

    const view = await adminJson(b, '/admin/routes');
    const d = view.models.find((m: any) => m.model_name === 'flaky').deployments[0];
    expect(d.cooldown.active).toBe(true);
    const health = await adminJson(b, '/health');
    expect(health.router_state).toMatchObject({ backend: 'redis', status: 'up' });
    expect(health.unhealthy_endpoints).toContain('flaky-1');
  });

  it('enforces an rpm limit of 3 across both replicas together', async () => {
    await awayFromMinuteEnd();
    const statuses = [];
    for (const gw of [a, b, a, b, a]) statuses.push((await chat(gw, 'limited')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const view = await adminJson(a, '/admin/routes');
    expect(view.models.find((m: any) => m.model_name === 'limited').deployments[0].usage.rpm).toBe(3);
  });
});

/** A private redis-server the test stops and starts again. */
class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    const failed = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`redis-server could not start (${e.message}); run scripts/install-test-deps.sh`))));
    await Promise.race([failed, eventually(`redis-server on port ${this.port}`, () => this.answers())]);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  private async answers(): Promise<boolean> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 100 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } finally {
      redis.disconnect();
    }
  }
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('replicas when Redis goes away and comes back', () => {
  const upstream = new MockUpstream();
  const prefix = `llmgw-e2e-outage-${RUN}:`;
  let redis: PrivateRedis;
  let a: StartedGateway;
  let b: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    redis = new PrivateRedis(await sparePort());
    await redis.start();
    a = await startGateway(config(upstream.url, redis.url, prefix), { apiKey: MASTER });
    b = await startGateway(config(upstream.url, redis.url, prefix), { apiKey: MASTER });
    await eventually('both replicas ready', async () => (await readiness(a)).status === 200 && (await readiness(b)).status === 200);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    await upstream.stop();
  });

  it('keeps serving with Redis stopped (readiness 503, degraded, counted), then shares again when it is back', async () => {
    await redis.stop();

    // Calls are still served, on both replicas.
    expect((await chat(a, 'steady')).status).toBe(200);
    expect((await chat(b, 'steady')).status).toBe(200);
    expect((await chat(b, 'limited')).status).toBe(200);

    // Readiness says so: 503 with Redis down, the process itself alive.
    for (const gw of [a, b]) {
      const r = await eventually('readiness 503', async () => {
        const x = await readiness(gw);
        return x.status === 503 ? x : undefined;
      });
      expect(r.body.details.redis).toMatchObject({ status: 'down', degraded: true });
      expect((await fetch(`${gw.url}/health/liveness`)).status).toBe(200);
    }
    const health = await adminJson(a, '/health');
    expect(health.router_state).toMatchObject({ backend: 'redis', status: 'down' });
    const metrics = await fetch(`${a.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/gateway_redis_failures_total\{operation="[a-zA-Z]+"\} [1-9]/);

    // A cooldown entered during the outage stays local to replica A for now.
    upstream.on(to('flaky-1'), broken, 1);
    expect((await chat(a, 'flaky')).status).toBe(502);
    expect((await chat(a, 'flaky')).status).toBe(503);

    await redis.start();
    await eventually('both replicas ready again', async () => (await readiness(a)).status === 200 && (await readiness(b)).status === 200);

    // A pushed its outage cooldown on resync: B now honours it without calling the provider.
    const callsBefore = upstream.requests.filter(to('flaky-1')).length;
    const onB = await eventually('the cooldown to reach replica B', async () => {
      const x = await chat(b, 'flaky');
      return x.status === 503 ? x : undefined;
    });
    expect(onB.body.error.code).toBe('no_deployment_available');
    expect(upstream.requests.filter(to('flaky-1')).length).toBe(callsBefore);

    // And new counts are shared again.
    await awayFromMinuteEnd();
    const before = (await adminJson(b, '/admin/routes')).models.find((m: any) => m.model_name === 'steady').deployments[0].usage.rpm;
    expect((await chat(a, 'steady')).status).toBe(200);
    const after = (await adminJson(b, '/admin/routes')).models.find((m: any) => m.model_name === 'steady').deployments[0].usage.rpm;
    expect(after).toBe(before + 1);
  }, 60_000);
});

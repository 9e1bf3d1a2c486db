import { createServer } from 'node:net';
import { startGateway, StartedGateway } from '../support/gateway.harness';
import { MockUpstream } from '../support/mock-upstream.server';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function readinessAfterCall(gw: StartedGateway, expected: number): Promise<{ status: number; body: any }> {
  await gw.client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await fetch(`${gw.url}/health/readiness`);
    const body = await res.json();
    if (res.status === expected || Date.now() > deadline) return { status: res.status, body };
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('readiness and sinks that must be up (SPEC 2)', () => {
  const collector = new MockUpstream();
  beforeAll(() => collector.start());
  afterAll(() => collector.stop());

  const config = (url: string, required: boolean) => ({
    model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m', mock_response: 'ok' } }],
    logging: { sinks: [{ type: 'webhook', url, required, max_retries: 0, batch_size: 1, flush_interval_ms: 10, timeout_ms: 500 }] },
  });

  it('a required sink that cannot be reached makes readiness 503; calls are still served', async () => {
    const gw = await startGateway(config(`http://127.0.0.1:${await closedPort()}/hook`, true));
    try {
      const { status, body } = await readinessAfterCall(gw, 503);
      expect(status).toBe(503);
      expect(body.error.sinks).toMatchObject({ status: 'down' });
      expect((await fetch(`${gw.url}/health/liveness`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('an optional sink that cannot be reached does not touch readiness', async () => {
    const gw = await startGateway(config(`http://127.0.0.1:${await closedPort()}/hook`, false));
    try {
      await gw.client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
      await new Promise((r) => setTimeout(r, 300));
      expect((await fetch(`${gw.url}/health/readiness`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('a required sink that delivers keeps readiness up', async () => {
    collector.on('/hook', { json: { ok: true } });
    const gw = await startGateway(config(`${collector.url}/hook`, true));
    try {
      const { status } = await readinessAfterCall(gw, 200);
      expect(status).toBe(200);
      expect(collector.requests.some((r) => r.path === '/hook')).toBe(true);
    } finally {
      await gw.close();
    }
  });
});

import { defaultOpenAIResponse, MockUpstream } from '../support/mock-upstream.server';
import { rawPost, startGateway, StartedGateway } from '../support/gateway.harness';

const MASTER = 'sk-master-strategies';

/** Waits out the last seconds of a minute, so rpm counters (one-minute windows) do not reset mid-test. */
async function awayFromMinuteEnd(seconds: number): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - seconds * 1000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

/** Starts a gateway with one strategy over `deployments` (prefix → extra litellm_params) of model `m`. */
async function gatewayWith(upstream: MockUpstream, strategy: string, deployments: Record<string, object>): Promise<StartedGateway> {
  return startGateway({
    model_list: Object.entries(deployments).map(([id, extra]) => ({
      model_name: 'm',
      litellm_params: { model: 'openai/x', api_base: `${upstream.url}/${id}/v1`, api_key: 'k', ...extra },
      model_info: { id },
    })),
    router_settings: { routing_strategy: strategy, num_retries: 0 },
    general_settings: { master_key: MASTER },
  });
}

async function served(gw: StartedGateway, n: number, parallel = 8): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, n - i) }, () =>
        rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), { authorization: `Bearer ${MASTER}` }),
      ),
    );
    for (const res of batch) {
      expect(res.status).toBe(200);
      const id = res.headers.get('x-gateway-deployment')!;
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

describe('routing strategies through the gateway (statistical bounds, not exact counts)', () => {
  const upstream = new MockUpstream();
  let gw: StartedGateway | undefined;
  beforeAll(() => upstream.start());
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    upstream.reset();
  });
  afterAll(() => upstream.stop());

  it('simple-shuffle follows the weights (3 : 1 over 400 calls)', async () => {
    gw = await gatewayWith(upstream, 'simple-shuffle', { heavy: { weight: 3 }, light: { weight: 1 } });
    const n = await served(gw, 400);
    // Binomial(400, 0.75): sd ≈ 8.7, so 0.65..0.85 is more than ±4.5 sd.
    expect(n.heavy / 400).toBeGreaterThan(0.65);
    expect(n.heavy / 400).toBeLessThan(0.85);
    expect(upstream.requests.filter((r) => r.path.startsWith('/heavy/'))).toHaveLength(n.heavy);
  });

  it('simple-shuffle without weights uses rpm as weights (4 : 1)', async () => {
    await awayFromMinuteEnd(15);
    gw = await gatewayWith(upstream, 'simple-shuffle', { big: { rpm: 4000 }, small: { rpm: 1000 } });
    const n = await served(gw, 300);
    expect(n.big / 300).toBeGreaterThan(0.68);
    expect(n.big / 300).toBeLessThan(0.92);
  });

  it('least-busy sends calls away from a deployment with calls in flight; idle ones share evenly', async () => {
    gw = await gatewayWith(upstream, 'least-busy', { one: {}, two: {} });
    const even = await served(gw, 200, 1);
    expect(even.one / 200).toBeGreaterThan(0.35);
    expect(even.one / 200).toBeLessThan(0.65);

    upstream.on(() => true, { delayMs: 1500 }, 1); // the next call hangs on whichever deployment gets it
    const hanging = rawPost(`${gw.url}/v1/chat/completions`, JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }), { authorization: `Bearer ${MASTER}` });
    while (upstream.requests.length < 201) await new Promise((r) => setTimeout(r, 10));
    const busy = upstream.requests[200].path.split('/')[1];
    const n = await served(gw, 10, 1);
    expect(n[busy]).toBeUndefined();
    await hanging;
  });

  it('usage-based-routing spreads by use relative to each limit (rpm 300 : 100)', async () => {
    await awayFromMinuteEnd(15);
    gw = await gatewayWith(upstream, 'usage-based-routing', { wide: { rpm: 300 }, narrow: { rpm: 100 } });
    const n = await served(gw, 80, 1);
    expect(n.wide).toBeGreaterThanOrEqual(56);
    expect(n.wide).toBeLessThanOrEqual(64);
  });

  it('latency-based-routing samples each deployment, then prefers the fast one', async () => {
    gw = await gatewayWith(upstream, 'latency-based-routing', { fast: {}, slow: {} });
    upstream.on((r) => r.path.startsWith('/slow/'), (req) => ({ ...defaultOpenAIResponse(req), delayMs: 120 }));
    const n = await served(gw, 30, 1);
    expect(n.slow).toBeGreaterThanOrEqual(1); // sampled once at least
    expect(n.slow).toBeLessThanOrEqual(3);
    expect(n.fast).toBeGreaterThanOrEqual(27);
  });
});

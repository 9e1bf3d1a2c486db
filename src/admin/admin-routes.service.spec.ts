import { RouteTable, routerPolicy } from '../routing/route-table';
import type { RouteTableService } from '../routing/route-table.service';
import { InMemoryRouterStateStore } from '../routing/state/in-memory-router-state.store';
import { STRATEGY_LIST } from '../routing/strategies';
import { deployment, FakeClock } from '../routing/testing/routing-test-kit';
import { AdminRoutesService } from './admin-routes.service';

function setup() {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const store = new InMemoryRouterStateStore();
  const table = new RouteTable(
    [
      deployment('a1', { api_base: 'https://u:secret-pw@a.example/v1?key=secret-q', api_key: 'sk-secret', rpm: 2, weight: 3 }, 'a'),
      deployment('a2', { api_base: 'https://b.example/v1', api_key: 'sk-secret' }, 'a', { max_input_tokens: 10 }),
      deployment('b1', { mock_response: 'hi' }, 'b'),
    ],
    routerPolicy({ routing_strategy: 'least-busy', cooldown_time: 30, fallbacks: [{ a: ['b'] }], default_fallbacks: ['b'] }),
  );
  const service = new AdminRoutesService({ current: table } as RouteTableService, store, [...STRATEGY_LIST], clock);
  return { clock, store, service };
}

describe('AdminRoutesService.routes', () => {
  it('shows each deployment with limits, use, cooldown and latency, and the fallbacks; no secret', async () => {
    const { clock, store, service } = setup();
    const now = clock.now();
    await store.beginRequest('a1', now);
    await store.endRequest('a1', { latencyMs: 100, tokens: 7 }, now);
    await store.setCooldown('a2', now + 12_500, now);
    const view = await service.routes();
    expect(view.router).toEqual({ routing_strategy: 'least-busy', num_retries: 2, allowed_fails: 3, cooldown_seconds: 30, timeout_seconds: null, stream_timeout_seconds: null });
    const [a, b] = view.models;
    expect(a.deployments[0]).toMatchObject({
      id: 'a1',
      api_base: 'https://a.example/v1',
      weight: 3,
      limits: { rpm: 2, tpm: null },
      usage: { rpm: 1, tpm: 7 },
      latency_ms: { mean: 100, p50: 100, p95: 100 },
      available: true,
    });
    expect(a.deployments[1]).toMatchObject({
      id: 'a2',
      cooldown: { active: true, until: '2026-01-01T12:00:12.500Z', remaining_seconds: 13 },
      available: false,
      status_reason: 'cooling down until 2026-01-01T12:00:12.500Z',
      max_input_tokens: 10,
    });
    expect(a.fallbacks).toEqual({ general: ['b'], context_window: ['b'], content_policy: ['b'], default: ['b'] });
    expect(b.deployments[0]).toMatchObject({ provider: 'mock', api_base: null });
    expect(JSON.stringify(view)).not.toMatch(/secret/);
  });
});

describe('AdminRoutesService.explain', () => {
  it('gives each candidate its reason, the pick, and no error', async () => {
    const { clock, store, service } = setup();
    await store.beginRequest('a2', clock.now()); // a2 busier: least-busy picks a1
    const ex = await service.explain({ model: 'a' });
    expect(ex.pick).toEqual({ id: 'a1', reason: 'least-busy: 0 in flight' });
    expect(ex.candidates.map((c) => [c.id, c.kept, c.picked, c.reason])).toEqual([
      ['a1', true, true, 'picked: least-busy: 0 in flight'],
      ['a2', true, false, 'available; least-busy picked another (1 in flight)'],
    ]);
    expect(ex.no_pick_error).toBeNull();
    expect(ex.fallbacks).toMatchObject({ on_error: ['b'], chain: [{ model: 'b', exists: true, available: 1, pick: { id: 'b1' } }] });
  });

  it('explains an rpm-limited and a cooling-down deployment, and the 429 or 503 the call would get', async () => {
    const { clock, store, service } = setup();
    const now = clock.now();
    await store.beginRequest('a1', now);
    await store.beginRequest('a1', now);
    await store.setCooldown('a2', now + 5000, now);
    const ex = await service.explain({ model: 'a' });
    expect(ex.candidates.map((c) => [c.id, c.drop, c.reason])).toEqual([
      ['a1', 'rpm_limit', 'at rpm limit (2/2)'],
      ['a2', 'cooldown', 'cooling down until 2026-01-01T12:00:05.000Z'],
    ]);
    expect(ex.pick).toBeNull();
    expect(ex.no_pick_error).toMatchObject({ status: 503, type: 'api_error', code: 'no_deployment_available', retry_after_seconds: 5 });
    clock.advance(5000);
    const limited = await service.explain({ model: 'a' });
    expect(limited.pick?.id).toBe('a2');
  });

  it('drops a deployment whose context window the messages exceed', async () => {
    const { service } = setup();
    const ex = await service.explain({ model: 'a', messages: [{ content: 'x'.repeat(80) }] });
    expect(ex.prompt_tokens_estimate).toBe(20);
    expect(ex.candidates[1]).toMatchObject({ id: 'a2', drop: 'context_window', reason: 'over context window (~20 > 10 tokens)' });
  });

  it('404s an unknown model', async () => {
    await expect(setup().service.explain({ model: 'zzz' })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});

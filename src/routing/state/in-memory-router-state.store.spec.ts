import { InMemoryRouterStateStore } from './in-memory-router-state.store';
import { LatencyWindow } from './latency-window';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('InMemoryRouterStateStore', () => {
  let store: InMemoryRouterStateStore;
  beforeEach(() => (store = new InMemoryRouterStateStore()));
  const state = async (id: string, now: number) => (await store.snapshot([id], now)).get(id)!;

  it('starts empty for an unknown deployment', async () => {
    expect(await state('x', T0)).toMatchObject({ cooldownUntil: 0, rpm: 0, tpm: 0, inFlight: 0, recentFailures: 0, latencyMs: undefined });
  });

  it('counts requests, tokens and calls in flight; rpm/tpm reset with the minute', async () => {
    await store.beginRequest('a', T0 + 1000);
    await store.beginRequest('a', T0 + 2000);
    expect(await state('a', T0 + 3000)).toMatchObject({ rpm: 2, inFlight: 2 });
    await store.endRequest('a', { latencyMs: 120, tokens: 30 }, T0 + 4000);
    await store.addTokens('a', 5, T0 + 5000);
    expect(await state('a', T0 + 6000)).toMatchObject({ rpm: 2, tpm: 35, inFlight: 1, latencyMs: 120 });
    expect(await state('a', T0 + MINUTE)).toMatchObject({ rpm: 0, tpm: 0, inFlight: 1 });
  });

  it('never lets in-flight go below zero', async () => {
    await store.endRequest('a', {}, T0);
    expect((await state('a', T0)).inFlight).toBe(0);
  });

  it('counts failures within the window only', async () => {
    expect(await store.recordFailure('a', T0, MINUTE)).toBe(1);
    expect(await store.recordFailure('a', T0 + 30_000, MINUTE)).toBe(2);
    expect(await store.recordFailure('a', T0 + MINUTE + 1, MINUTE)).toBe(2); // the first has aged out
    expect((await state('a', T0 + MINUTE + 1)).recentFailures).toBe(2);
    expect((await state('a', T0 + 2 * MINUTE + 31_000)).recentFailures).toBe(0);
  });

  it('holds a cooldown until its end, clears the failures it answered, and never shortens one', async () => {
    await store.recordFailure('a', T0, MINUTE);
    await store.setCooldown('a', T0 + 5000, T0);
    await store.setCooldown('a', T0 + 1000, T0);
    expect(await state('a', T0 + 4999)).toMatchObject({ cooldownUntil: T0 + 5000, recentFailures: 0 });
    expect((await state('a', T0 + 5000)).cooldownUntil).toBe(0);
  });

  it('forgets deployments idle for 15 minutes, but never one in flight or cooling down', async () => {
    const s = new InMemoryRouterStateStore();
    await s.beginRequest('busy', 0);
    await s.setCooldown('cold', 60 * 60_000, 0);
    await s.snapshot(['idle'], 0);
    const later = 16 * 60_000;
    for (let i = 0; i < 10_000; i++) await s.snapshot(['fresh'], later); // the sweep runs every 10k touches
    expect(s.size).toBe(3); // idle went, busy/cold/fresh stay
    expect((await s.snapshot(['cold'], later)).get('cold')!.cooldownUntil).toBe(60 * 60_000);
  });

  it('reports latency percentiles', async () => {
    for (const ms of [10, 20, 30, 40, 1000]) await store.endRequest('a', { latencyMs: ms }, T0);
    expect(await state('a', T0)).toMatchObject({ p50: 30, p95: 1000, latencyMs: 220 });
  });
});

describe('LatencyWindow', () => {
  it('keeps only the last N samples', () => {
    const w = new LatencyWindow(3);
    for (const ms of [1000, 1, 2, 3]) w.add(ms);
    expect(w.count).toBe(3);
    expect(w.mean()).toBe(2);
    expect(w.percentile(95)).toBe(3);
    expect(new LatencyWindow().mean()).toBeUndefined();
  });
});

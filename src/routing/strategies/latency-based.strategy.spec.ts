import { deployment, seededRandom, states } from '../testing/routing-test-kit';
import { LATENCY_BUFFER, LatencyBasedStrategy } from './latency-based.strategy';

const strategy = new LatencyBasedStrategy();
const [a, b, c] = [deployment('a'), deployment('b'), deployment('c')];

function counts(s: ReturnType<typeof states>, n = 2000, seed = 5): Record<string, number> {
  const random = seededRandom(seed);
  const out: Record<string, number> = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < n; i++) out[strategy.pick([a, b, c], s, random).deployment.id]++;
  return out;
}

describe('LatencyBasedStrategy', () => {
  it('samples unmeasured deployments first', () => {
    const pick = strategy.pick([a, b, c], states({ a: { latencyMs: 10 }, b: { latencyMs: 20 } }), Math.random);
    expect(pick.deployment.id).toBe('c');
    expect(pick.reason).toBe('latency-based: not measured yet, sampling it');
  });

  it('spreads among several unmeasured deployments', () => {
    const n = counts(states({ a: { latencyMs: 10 } }));
    expect(n.a).toBe(0);
    expect(n.b / 2000).toBeGreaterThan(0.44);
    expect(n.c / 2000).toBeGreaterThan(0.44);
  });

  it('picks the lowest recent latency', () => {
    const pick = strategy.pick([a, b, c], states({ a: { latencyMs: 300 }, b: { latencyMs: 80 }, c: { latencyMs: 200 } }), Math.random);
    expect(pick.deployment.id).toBe('b');
    expect(pick.reason).toBe('latency-based: 80 ms recent mean');
  });

  it(`treats deployments within the ${LATENCY_BUFFER * 100}% buffer as equally fast, so one fast sample does not starve the rest`, () => {
    const n = counts(states({ a: { latencyMs: 100 }, b: { latencyMs: 108 }, c: { latencyMs: 111 } }));
    expect(n.c).toBe(0); // 111 > 100 * 1.1
    expect(n.a / 2000).toBeGreaterThan(0.44);
    expect(n.b / 2000).toBeGreaterThan(0.44);
  });

  it('describes each candidate by its latency', () => {
    expect(strategy.describe(a, [a], states({ a: { latencyMs: 42.4 } }))).toBe('42 ms recent mean');
    expect(strategy.describe(b, [b], states({}))).toBe('not measured yet');
  });
});

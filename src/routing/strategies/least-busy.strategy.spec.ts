import { deployment, seededRandom, states } from '../testing/routing-test-kit';
import { LeastBusyStrategy } from './least-busy.strategy';

const strategy = new LeastBusyStrategy();
const [a, b, c] = [deployment('a'), deployment('b'), deployment('c')];

describe('LeastBusyStrategy', () => {
  it('picks the deployment with the fewest calls in flight', () => {
    const pick = strategy.pick([a, b, c], states({ a: { inFlight: 4 }, b: { inFlight: 1 }, c: { inFlight: 2 } }), Math.random);
    expect(pick.deployment.id).toBe('b');
    expect(pick.reason).toBe('least-busy: 1 in flight');
  });

  it('treats a deployment it has no state for as idle', () => {
    expect(strategy.pick([a, b], states({ a: { inFlight: 1 } }), Math.random).deployment.id).toBe('b');
  });

  it('breaks ties at random, evenly over many picks', () => {
    const random = seededRandom(11);
    const s = states({ a: { inFlight: 1 }, b: { inFlight: 1 }, c: { inFlight: 3 } });
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 2000; i++) counts[strategy.pick([a, b, c], s, random).deployment.id]++;
    expect(counts.c).toBe(0);
    expect(counts.a / 2000).toBeGreaterThan(0.44);
    expect(counts.a / 2000).toBeLessThan(0.56);
  });

  it('describes each candidate by its calls in flight', () => {
    expect(strategy.describe(a, [a, b], states({ a: { inFlight: 3 } }))).toBe('3 in flight');
  });
});

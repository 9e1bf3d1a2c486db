import { deployment, seededRandom } from '../testing/routing-test-kit';
import { shuffleWeights, SimpleShuffleStrategy } from './simple-shuffle.strategy';
import type { Deployment } from '../../deployments/deployment';

const strategy = new SimpleShuffleStrategy();
const N = 4000;

/** Share of N seeded picks that went to each deployment. */
function shares(candidates: Deployment[], seed = 7): Record<string, number> {
  const random = seededRandom(seed);
  const counts: Record<string, number> = Object.fromEntries(candidates.map((d) => [d.id, 0]));
  for (let i = 0; i < N; i++) counts[strategy.pick(candidates, new Map(), random).deployment.id]++;
  return Object.fromEntries(Object.entries(counts).map(([id, c]) => [id, c / N]));
}

describe('SimpleShuffleStrategy', () => {
  it('spreads picks in proportion to weight (statistical bounds)', () => {
    const s = shares([deployment('a', { weight: 3 }), deployment('b', { weight: 1 })]);
    expect(s.a).toBeGreaterThan(0.71);
    expect(s.a).toBeLessThan(0.79);
  });

  it('holds for several seeds, not one lucky one', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const s = shares([deployment('a', { weight: 1 }), deployment('b', { weight: 2 }), deployment('c', { weight: 1 })], seed);
      expect(s.b).toBeGreaterThan(0.45);
      expect(s.b).toBeLessThan(0.55);
      expect(s.a).toBeGreaterThan(0.2);
      expect(s.c).toBeGreaterThan(0.2);
    }
  });

  it('never picks a deployment of weight 0 while another has weight', () => {
    const s = shares([deployment('a', { weight: 0 }), deployment('b', { weight: 5 })]);
    expect(s.a).toBe(0);
  });

  it('gives a deployment without weight the weight 1 when others have one', () => {
    expect(shuffleWeights([deployment('a', { weight: 4 }), deployment('b')])).toEqual({ weights: [4, 1], basis: 'weight' });
  });

  it('uses rpm as weights when no deployment has a weight, then tpm', () => {
    expect(shuffleWeights([deployment('a', { rpm: 600 }), deployment('b', { rpm: 200 })])).toEqual({ weights: [600, 200], basis: 'rpm' });
    expect(shuffleWeights([deployment('a', { tpm: 1000 }), deployment('b', { tpm: 3000 })])).toEqual({ weights: [1000, 3000], basis: 'tpm' });
    const s = shares([deployment('a', { rpm: 900 }), deployment('b', { rpm: 100 })]);
    expect(s.a).toBeGreaterThan(0.87);
    expect(s.a).toBeLessThan(0.93);
  });

  it('is uniform without weights or limits (and when only some have rpm)', () => {
    expect(shuffleWeights([deployment('a'), deployment('b', { rpm: 5 })]).basis).toBe('equal weights');
    const s = shares([deployment('a'), deployment('b'), deployment('c'), deployment('d')]);
    for (const v of Object.values(s)) {
      expect(v).toBeGreaterThan(0.21);
      expect(v).toBeLessThan(0.29);
    }
  });

  it('says why: the basis and the chance', () => {
    const pick = strategy.pick([deployment('a', { weight: 3 }), deployment('b', { weight: 1 })], new Map(), () => 0);
    expect(pick.deployment.id).toBe('a');
    expect(pick.reason).toBe('simple-shuffle by weight: 75% chance');
    expect(strategy.describe(deployment('b', { weight: 1 }), [deployment('a', { weight: 3 }), deployment('b', { weight: 1 })])).toBe('weight 1: 25% chance');
  });

  it('a single candidate is always picked', () => {
    expect(strategy.pick([deployment('only')], new Map(), Math.random).deployment.id).toBe('only');
  });
});

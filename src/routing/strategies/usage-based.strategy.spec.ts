import { deployment, states } from '../testing/routing-test-kit';
import { UsageBasedStrategy, usageScore } from './usage-based.strategy';
import { EMPTY_STATE } from '../state/router-state.store';

const strategy = new UsageBasedStrategy();

describe('UsageBasedStrategy', () => {
  it('picks the lowest use relative to its limit, not the lowest absolute use', () => {
    const small = deployment('small', { rpm: 100 });
    const big = deployment('big', { rpm: 1000 });
    // small: 50 of 100 (50%); big: 200 of 1000 (20%)
    const pick = strategy.pick([small, big], states({ small: { rpm: 50 }, big: { rpm: 200 } }), Math.random);
    expect(pick.deployment.id).toBe('big');
    expect(pick.reason).toBe('usage-based: 0 tokens, 200 requests this minute (20% of limit)');
  });

  it('takes the larger of tpm and rpm use', () => {
    const d = deployment('d', { rpm: 100, tpm: 1000 });
    expect(usageScore(d, { ...EMPTY_STATE, rpm: 10, tpm: 900 })).toBeCloseTo(0.9);
    expect(usageScore(d, { ...EMPTY_STATE, rpm: 80, tpm: 100 })).toBeCloseTo(0.8);
    const tokensHeavy = deployment('t', { rpm: 100, tpm: 1000 });
    const requestsHeavy = deployment('r', { rpm: 100, tpm: 1000 });
    const s = states({ t: { rpm: 10, tpm: 900 }, r: { rpm: 50, tpm: 100 } });
    expect(strategy.pick([tokensHeavy, requestsHeavy], s, Math.random).deployment.id).toBe('r');
  });

  it('without limits, prefers the fewest tokens; an unlimited deployment ranks below a limited one in use', () => {
    const x = deployment('x');
    const y = deployment('y');
    expect(strategy.pick([x, y], states({ x: { tpm: 500 }, y: { tpm: 100 } }), Math.random).deployment.id).toBe('y');
    const limited = deployment('limited', { tpm: 1000 });
    expect(strategy.pick([limited, x], states({ limited: { tpm: 100 }, x: { tpm: 5000 } }), Math.random).deployment.id).toBe('x');
  });

  it('describes use against the limits', () => {
    const d = deployment('d', { rpm: 10, tpm: 1000 });
    expect(strategy.describe(d, [d], states({ d: { rpm: 5, tpm: 100 } }))).toBe('50% of limit (tpm 100/1000, rpm 5/10)');
    expect(strategy.describe(deployment('u'), [], states({ u: { tpm: 7 } }))).toBe('7 tokens this minute, no limits');
  });
});

import { judgeCandidates, secondsUntilAvailable } from './deployment-selector';
import { deployment, states } from './testing/routing-test-kit';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 15); // 15 s into a minute

describe('judgeCandidates', () => {
  const a = deployment('a', { rpm: 10, tpm: 1000 });
  const b = deployment('b');
  const small = deployment('small', {}, 'm', { max_input_tokens: 100 });

  it('keeps an available deployment with the reason "available"', () => {
    expect(judgeCandidates([a, b], new Map(), NOW).map((v) => [v.deployment.id, v.kept, v.reason])).toEqual([
      ['a', true, 'available'],
      ['b', true, 'available'],
    ]);
  });

  it('drops a deployment cooling down, saying until when', () => {
    const [v] = judgeCandidates([a], states({ a: { cooldownUntil: NOW + 5000 } }), NOW);
    expect(v).toMatchObject({ kept: false, drop: 'cooldown', reason: 'cooling down until 2026-01-01T12:00:20.000Z' });
  });

  it('keeps a deployment whose cooldown has ended', () => {
    expect(judgeCandidates([a], states({ a: { cooldownUntil: NOW } }), NOW)[0].kept).toBe(true);
  });

  it('drops a deployment at its rpm or tpm limit, with the counts', () => {
    expect(judgeCandidates([a], states({ a: { rpm: 10 } }), NOW)[0]).toMatchObject({ kept: false, drop: 'rpm_limit', reason: 'at rpm limit (10/10)' });
    expect(judgeCandidates([a], states({ a: { rpm: 9, tpm: 1200 } }), NOW)[0]).toMatchObject({ drop: 'tpm_limit', reason: 'at tpm limit (1200/1000)' });
    expect(judgeCandidates([a], states({ a: { rpm: 9, tpm: 999 } }), NOW)[0].kept).toBe(true);
  });

  it('drops a deployment whose context window is smaller than the prompt (model_info.max_input_tokens or max_tokens)', () => {
    expect(judgeCandidates([small], new Map(), NOW, { promptTokens: 101 })[0]).toMatchObject({
      drop: 'context_window',
      reason: 'over context window (~101 > 100 tokens)',
    });
    expect(judgeCandidates([small], new Map(), NOW, { promptTokens: 100 })[0].kept).toBe(true);
    expect(judgeCandidates([deployment('t', {}, 'm', { max_tokens: 10 })], new Map(), NOW, { promptTokens: 11 })[0].drop).toBe('context_window');
    expect(judgeCandidates([b], new Map(), NOW, { promptTokens: 10_000_000 })[0].kept).toBe(true); // unknown window: no check
  });

  it('drops a deployment that already failed in this call', () => {
    expect(judgeCandidates([a, b], new Map(), NOW, { tried: new Set(['b']) })[1]).toMatchObject({ drop: 'already_tried', reason: 'already failed in this call' });
  });

  it('gives the most telling reason first: cooldown, then limits, then context, then tried', () => {
    const s = states({ a: { cooldownUntil: NOW + 1, rpm: 99, tpm: 9999 } });
    expect(judgeCandidates([a], s, NOW, { tried: new Set(['a']) })[0].drop).toBe('cooldown');
    expect(judgeCandidates([a], states({ a: { rpm: 99, tpm: 9999 } }), NOW)[0].drop).toBe('rpm_limit');
  });
});

describe('secondsUntilAvailable', () => {
  const a = deployment('a', { rpm: 1 });
  const b = deployment('b');

  it('is the soonest cooldown end, rounded up', () => {
    const s = states({ a: { cooldownUntil: NOW + 2500 }, b: { cooldownUntil: NOW + 9000 } });
    expect(secondsUntilAvailable(judgeCandidates([a, b], s, NOW), s, NOW)).toBe(3);
  });

  it('is the end of the current minute for a rate-limited deployment', () => {
    const s = states({ a: { rpm: 1 } });
    expect(secondsUntilAvailable(judgeCandidates([a], s, NOW), s, NOW)).toBe(45);
  });

  it('is at least 1', () => {
    const s = states({ b: { cooldownUntil: NOW + 10 } });
    expect(secondsUntilAvailable(judgeCandidates([b], s, NOW), s, NOW)).toBe(1);
    expect(secondsUntilAvailable([], new Map(), NOW)).toBe(1);
  });
});

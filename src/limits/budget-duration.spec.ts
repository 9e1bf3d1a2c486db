import { durationMs, nextResetAt, secondsUntil } from './budget-duration';

describe('durationMs', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['30d', 2_592_000_000],
    ['2w', 1_209_600_000],
    ['1mo', 2_592_000_000],
  ])('%s', (text, ms) => expect(durationMs(text)).toBe(ms));

  it.each(['', '0s', '-1h', '1y', 'h', '1.5h', null, undefined])('refuses %p', (text) => expect(durationMs(text)).toBeUndefined());
});

describe('nextResetAt', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const day = 86_400_000;

  it('starts a schedule one duration from now', () => {
    expect(nextResetAt(null, day, now).toISOString()).toBe('2026-01-11T12:00:00.000Z');
  });

  it('keeps a reset still ahead', () => {
    const at = new Date('2026-01-10T18:00:00Z');
    expect(nextResetAt(at, day, now)).toBe(at);
  });

  it('advances a missed reset by whole periods, keeping the boundary', () => {
    expect(nextResetAt(new Date('2026-01-07T06:00:00Z'), day, now).toISOString()).toBe('2026-01-11T06:00:00.000Z');
  });

  it('a reset due exactly now moves one period on', () => {
    expect(nextResetAt(now, day, now).toISOString()).toBe('2026-01-11T12:00:00.000Z');
  });
});

describe('secondsUntil', () => {
  it('rounds up and is at least 1', () => {
    expect(secondsUntil(new Date(10_500), 0)).toBe(11);
    expect(secondsUntil(new Date(0), 5_000)).toBe(1);
  });
});

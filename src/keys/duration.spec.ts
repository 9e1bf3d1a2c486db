import { expiryFrom, parseDuration } from './duration';

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['30d', 2_592_000_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0s', '1w', '1.5h', '-1d', 'h', '30 days'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('adds a duration to now', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryFrom('1h', now)?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(expiryFrom(undefined, now)).toBeNull();
  });
});

import type { VirtualKeyRecord } from '../keys/keys.types';
import { KEY_CACHE_TTL_MS, KeyCache, UNKNOWN_KEY_TTL_MS } from './key-cache';

const key = (token: string, team_id: string | null = null) => ({ token, team_id }) as unknown as VirtualKeyRecord;

describe('KeyCache', () => {
  let now = 0;
  const cache = () => new KeyCache(() => now);
  beforeEach(() => (now = 1_000_000));

  it('drops changed keys and the keys of changed teams', () => {
    const c = cache();
    c.set('a', { key: key('a', 't1'), team: null });
    c.set('b', { key: key('b', 't2'), team: null });
    c.set('c', { key: key('c'), team: null });
    c.apply({ tokens: ['c'], teams: ['t1'] });
    expect(c.fresh('a')).toBeUndefined();
    expect(c.fresh('c')).toBeUndefined();
    expect(c.fresh('b')?.key.token).toBe('b');
  });

  it('keeps stale entries to fall back on after a reconnect or the TTL', () => {
    const c = cache();
    c.set('a', { key: key('a'), team: null });
    c.apply({ all: true });
    expect(c.fresh('a')).toBeUndefined();
    expect(c.stale('a')?.key.token).toBe('a');
    c.set('a', { key: key('a'), team: null });
    now += KEY_CACHE_TTL_MS + 1;
    expect(c.fresh('a')).toBeUndefined();
    expect(c.stale('a')).toBeDefined();
  });

  it('remembers unknown tokens briefly, and forgets them when they are created', () => {
    const c = cache();
    c.setUnknown('x');
    expect(c.isKnownUnknown('x')).toBe(true);
    c.apply({ tokens: ['x'] });
    expect(c.isKnownUnknown('x')).toBe(false);
    c.setUnknown('y');
    now += UNKNOWN_KEY_TTL_MS + 1;
    expect(c.isKnownUnknown('y')).toBe(false);
  });
});

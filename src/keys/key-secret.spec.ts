import { generateKeySecret, hashKey, keyNameOf, looksLikeVirtualKey, tokenOf } from './key-secret';

describe('key secrets', () => {
  it('generates sk- keys of at least 32 random URL-safe characters, all different', () => {
    const keys = new Set(Array.from({ length: 50 }, generateKeySecret));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^sk-[A-Za-z0-9_-]{32,}$/);
      expect(looksLikeVirtualKey(key)).toBe(true);
    }
  });

  it('stores SHA-256 hex and names a key by its last four characters only', () => {
    expect(hashKey('sk-abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey('sk-abc')).not.toBe(hashKey('sk-abd'));
    expect(keyNameOf('sk-0123456789abcdefAb3x')).toBe('sk-…Ab3x');
  });

  it('takes a key or its token where LiteLLM does', () => {
    const key = generateKeySecret();
    expect(tokenOf(key)).toBe(hashKey(key));
    expect(tokenOf(hashKey(key))).toBe(hashKey(key));
  });

  it.each(['sk-short', 'sk-1234', 'Bearer x', 'sk-has spaces in it and is long enough to pass', ''])('does not take %j for a virtual key', (key) => {
    expect(looksLikeVirtualKey(key)).toBe(false);
  });
});

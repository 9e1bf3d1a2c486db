import { extractKey, keyAlias, keysEqual } from './key-compare';

describe('key comparison', () => {
  it('compares equal and unequal keys of any length', () => {
    expect(keysEqual('sk-1234', 'sk-1234')).toBe(true);
    expect(keysEqual('sk-1234', 'sk-1235')).toBe(false);
    expect(keysEqual('sk', 'sk-1234-longer')).toBe(false);
    expect(keysEqual('', 'x')).toBe(false);
  });

  it.each([
    [{ authorization: 'Bearer sk-a' }, 'sk-a'],
    [{ authorization: 'bearer   sk-b ' }, 'sk-b'],
    [{ 'api-key': 'sk-c' }, 'sk-c'],
    [{ 'x-api-key': 'sk-d' }, 'sk-d'],
    [{ authorization: 'Basic abc' }, undefined],
    [{}, undefined],
  ])('extracts the key from %j', (headers, key) => {
    expect(extractKey(headers)).toBe(key);
  });

  it('aliases a key without revealing it', () => {
    expect(keyAlias('sk-secret-value')).toMatch(/^key-[0-9a-f]{12}$/);
    expect(keyAlias('sk-secret-value')).not.toContain('secret');
  });
});

import { findTooDeep } from './json-depth';

const nestArrays = (n: number): unknown => JSON.parse('['.repeat(n) + ']'.repeat(n));
const nestObjects = (n: number, key = 'a'): unknown => JSON.parse(`{"${key}":`.repeat(n) + '1' + '}'.repeat(n));

describe('findTooDeep', () => {
  it.each([
    ['a scalar', 1, 0],
    ['an empty object', {}, 1],
    ['a flat body', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, 3],
  ])('%s is within any limit of at least its depth', (_name, value, depth) => {
    expect(findTooDeep(value, Math.max(1, depth))).toBeUndefined();
  });

  it('allows exactly the limit and names the first value past it', () => {
    expect(findTooDeep(nestArrays(64), 64)).toBeUndefined();
    expect(findTooDeep(nestArrays(65), 64)).toBe('[0]'.repeat(64));
    expect(findTooDeep(nestObjects(3), 3)).toBeUndefined(); // the innermost value is a number, not a container
    expect(findTooDeep(nestObjects(4), 3)).toBe('a.a.a');
  });

  it('names the field under a body, with list indexes', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'user', content: [{ type: 'text', deep: nestArrays(10) }] }] };
    expect(findTooDeep(body, 6)).toBe('messages[1].content[0].deep[0]');
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(findTooDeep(nestArrays(100_000), 64)).toHaveLength(64 * 3);
    expect(findTooDeep({ metadata: nestObjects(100_000, 'k') }, 64)).toBe('metadata' + '.k'.repeat(63));
  });
});

import { lowestWithTies, weightedIndex } from './weighted-choice';

describe('weightedIndex', () => {
  it.each([
    [0, 0],
    [0.49, 0],
    [0.5, 1],
    [0.99, 1],
  ])('random %s over weights [1, 1] → %s', (r, expected) => {
    expect(weightedIndex([1, 1], () => r)).toBe(expected);
  });

  it('skips zero and negative weights', () => {
    expect(weightedIndex([0, -3, 2], () => 0)).toBe(2);
    expect(weightedIndex([0, -3, 2], () => 0.999)).toBe(2);
  });

  it('is uniform when every weight is 0', () => {
    expect(weightedIndex([0, 0, 0, 0], () => 0.6)).toBe(2);
  });
});

describe('lowestWithTies', () => {
  const items = ['a', 'b', 'c'];
  const score = (s: string) => ({ a: 100, b: 109, c: 111 })[s]!;

  it('picks the lowest score exactly without tolerance', () => {
    expect(lowestWithTies(items, score, () => 0.99)).toBe('a');
  });

  it('treats scores within the tolerance as tied, and picks among them at random', () => {
    expect(lowestWithTies(items, score, () => 0, 0.1)).toBe('a');
    expect(lowestWithTies(items, score, () => 0.99, 0.1)).toBe('b');
  });

  it('breaks exact ties at random', () => {
    expect(lowestWithTies(['x', 'y'], () => 0, () => 0.2)).toBe('x');
    expect(lowestWithTies(['x', 'y'], () => 0, () => 0.8)).toBe('y');
  });
});

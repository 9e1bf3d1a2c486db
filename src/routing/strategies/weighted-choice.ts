/** Picks an index with probability proportional to its weight; uniform when all are 0. */
export function weightedIndex(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0) return Math.floor(random() * weights.length);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= Math.max(0, weights[i]);
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** A random element among those tied at the best score (lowest). */
export function lowestWithTies<T>(items: readonly T[], score: (t: T) => number, random: () => number, tolerance = 0): T {
  const scores = items.map(score);
  const best = Math.min(...scores);
  const tied = items.filter((_, i) => scores[i] <= best * (1 + tolerance) + 1e-9);
  return tied[Math.floor(random() * tied.length)];
}

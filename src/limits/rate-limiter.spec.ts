import { InMemoryRouterStateStore } from '../routing/state/in-memory-router-state.store';
import type { LimitSubject } from './limit-subject';
import { RateLimiter } from './rate-limiter';

const key = (over: Partial<LimitSubject> = {}): LimitSubject => ({
  kind: 'key',
  id: 'tok',
  rpmLimit: null,
  tpmLimit: null,
  maxParallel: null,
  maxBudget: null,
  budgetDuration: null,
  budgetResetAt: null,
  spend: 0,
  source: {},
  ...over,
});

describe('RateLimiter', () => {
  it('admits exactly max_parallel_requests of a burst that starts in one tick', async () => {
    const limiter = new RateLimiter(new InMemoryRouterStateStore());
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.admit([key({ maxParallel: 2 })], 0)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
  });

  it('admits exactly rpm_limit calls of a burst, counting a team over its keys', async () => {
    const limiter = new RateLimiter(new InMemoryRouterStateStore());
    const team = key({ kind: 'team', id: 't', rpmLimit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => limiter.admit([key({ id: `k${i % 2}` }), team], 0)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  });

  it('frees the slot when an admitted call ends', async () => {
    const limiter = new RateLimiter(new InMemoryRouterStateStore());
    const first = await limiter.admit([key({ maxParallel: 1 })], 0);
    await expect(limiter.admit([key({ maxParallel: 1 })], 0)).rejects.toMatchObject({ status: 429, code: 'max_parallel_requests_exceeded' });
    first.end(10, 1);
    await new Promise((r) => setImmediate(r));
    await expect(limiter.admit([key({ maxParallel: 1 })], 2)).resolves.toBeDefined();
  });
});

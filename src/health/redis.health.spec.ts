import { RedisReadinessIndicator, type SharedStatePing } from './redis.health';

const store = (up: boolean): SharedStatePing => ({
  ping: async () => up,
  status: () => ({ address: 'redis:6379', shared: up, degradedSince: up ? undefined : '2026-01-01T00:00:00.000Z' }),
});

describe('RedisReadinessIndicator', () => {
  it('is up while Redis answers', async () => {
    expect(await new RedisReadinessIndicator(store(true)).check()).toEqual({ redis: { status: 'up', address: 'redis:6379' } });
  });

  it('is down (readiness 503) while Redis does not answer, saying calls are served locally', async () => {
    const result = await new RedisReadinessIndicator(store(false)).check();
    expect(result.redis).toMatchObject({ status: 'down', degraded: true, since: '2026-01-01T00:00:00.000Z', address: 'redis:6379' });
    expect(result.redis.message).toContain('local router state');
  });

  it('only reports the outage when Redis is not required for readiness', async () => {
    expect((await new RedisReadinessIndicator(store(false), false).check()).redis).toMatchObject({ status: 'up', degraded: true });
  });
});

import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisSettingsFrom, type RedisConnectionSettings } from './redis-connection.options';
import { createRedisClient } from './redis-router-state.provider';
import { RedisRouterStateStore } from './redis-router-state.store';

/** Needs a real Redis (REDIS_URL, default redis://127.0.0.1:6379); keys get a prefix unique to this run. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 10);

const logs: string[] = [];
const logger: LoggerService = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('RedisRouterStateStore', () => {
  const stores: RedisRouterStateStore[] = [];
  let admin: Redis;
  let settings: RedisConnectionSettings;

  const open = async (s = settings, client = createRedisClient(s)) => {
    const store = new RedisRouterStateStore(client, s, logger, () => counter);
    stores.push(store);
    return store;
  };
  const ready = async (store: RedisRouterStateStore) => eventually(() => store.status().shared, 'the store to share state');
  let counter: { recordRedisFailure: jest.Mock };

  beforeAll(() => {
    admin = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    settings = redisSettingsFrom({ redis_url: REDIS_URL, redis_key_prefix: `llmgw-spec-${randomUUID().slice(0, 8)}:` })!;
    counter = { recordRedisFailure: jest.fn() };
    logs.length = 0;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.onApplicationShutdown()));
    const keys = await admin.keys(`${settings.keyPrefix}*`);
    if (keys.length) await admin.del(...keys);
  });
  afterAll(async () => {
    await admin.quit();
  });

  it('shares counters, in-flight calls, latency, failures and cooldowns between replicas', async () => {
    const a = await open();
    const b = await open();
    await Promise.all([ready(a), ready(b)]);

    await a.beginRequest('d1', NOW);
    await b.beginRequest('d1', NOW);
    let seen = (await b.snapshot(['d1', 'd2'], NOW)).get('d1')!;
    expect(seen).toMatchObject({ rpm: 2, inFlight: 2, tpm: 0, cooldownUntil: 0, recentFailures: 0 });

    await a.endRequest('d1', { latencyMs: 100, tokens: 30 }, NOW);
    await b.endRequest('d1', { latencyMs: 300 }, NOW);
    await b.addTokens('d1', 12, NOW);
    seen = (await a.snapshot(['d1'], NOW)).get('d1')!;
    expect(seen).toMatchObject({ rpm: 2, inFlight: 0, tpm: 42, latencyMs: 200, p50: 300, p95: 300 });

    expect(await a.recordFailure('d1', NOW, 60_000)).toBe(1);
    expect(await b.recordFailure('d1', NOW + 1, 60_000)).toBe(2);
    expect((await a.snapshot(['d1'], NOW + 2)).get('d1')!.recentFailures).toBe(2);

    await b.setCooldown('d1', NOW + 30_000, NOW);
    await a.setCooldown('d1', NOW + 5_000, NOW); // never shortens a cooldown another replica set
    seen = (await a.snapshot(['d1'], NOW + 10)).get('d1')!;
    expect(seen.cooldownUntil).toBe(NOW + 30_000);
    expect(seen.recentFailures).toBe(0); // a cooldown starts the failure count afresh
    expect((await a.snapshot(['d1'], NOW + 30_001)).get('d1')!.cooldownUntil).toBe(0);
    expect((await a.snapshot(['d2'], NOW)).get('d2')).toMatchObject({ rpm: 0, inFlight: 0, cooldownUntil: 0 });
    expect(counter.recordRedisFailure).not.toHaveBeenCalled();
  });

  it('counts requests and tokens in one-minute windows', async () => {
    const a = await open();
    await ready(a);
    await a.beginRequest('d1', NOW);
    await a.addTokens('d1', 10, NOW);
    expect((await a.snapshot(['d1'], NOW + 60_000)).get('d1')).toMatchObject({ rpm: 0, tpm: 0, inFlight: 1 });
  });

  it('gives every key it writes a prefix and a TTL', async () => {
    const a = await open();
    await ready(a);
    const now = Date.now();
    await a.beginRequest('d1', now);
    await a.beginRequest('d1', now);
    await a.endRequest('d1', { latencyMs: 5, tokens: 3 }, now);
    await a.recordFailure('d1', now, 60_000);
    await a.setCooldown('d1', now + 60_000, now);
    await a.recordFailure('d1', now, 60_000);
    const keys = await admin.keys(`${settings.keyPrefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const key of keys) expect(await admin.pttl(key)).toBeGreaterThan(0);
  });

  it('fails open when Redis is unreachable: local state, counted, logged once without the password, readiness false', async () => {
    const down = redisSettingsFrom({ redis_url: 'redis://:s3cret-pw@127.0.0.1:1', redis_key_prefix: settings.keyPrefix })!;
    const a = await open(down);
    await eventually(() => logs.length > 0, 'the outage to be logged');

    await a.beginRequest('d1', NOW);
    await a.endRequest('d1', { latencyMs: 50, tokens: 7 }, NOW);
    expect(await a.recordFailure('d1', NOW, 60_000)).toBe(1);
    expect(await a.recordFailure('d1', NOW, 60_000)).toBe(2);
    await a.setCooldown('d1', NOW + 1_000, NOW);
    expect((await a.snapshot(['d1'], NOW)).get('d1')).toMatchObject({ rpm: 1, tpm: 7, inFlight: 0, cooldownUntil: NOW + 1_000, latencyMs: 50 });

    expect(await a.ping()).toBe(false);
    expect(a.status()).toMatchObject({ shared: false, address: '127.0.0.1:1' });
    expect(a.status().degradedSince).toEqual(expect.any(String));
    expect(counter.recordRedisFailure).toHaveBeenCalledWith('beginRequest');
    expect(counter.recordRedisFailure).toHaveBeenCalledWith('snapshot');
    expect(logs.filter((l) => l.includes('unavailable'))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('s3cret-pw');
  });

  it('pushes what was counted while Redis was away when it comes back', async () => {
    const client = createRedisClient({ ...settings, options: { ...settings.options, lazyConnect: true } });
    const a = await open(settings, client);
    const now = Date.now();
    await a.beginRequest('d1', now); // not connected yet: local only
    await a.addTokens('d1', 9, now);
    await a.setCooldown('d1', now + 60_000, now);
    expect(a.status().shared).toBe(false);

    await client.connect();
    await ready(a);
    const other = await open();
    await ready(other);
    expect((await other.snapshot(['d1'], now)).get('d1')).toMatchObject({ rpm: 1, tpm: 9, inFlight: 1, cooldownUntil: now + 60_000 });
    await a.endRequest('d1', {}, now);
    expect((await other.snapshot(['d1'], now)).get('d1')!.inFlight).toBe(0);
  });
});

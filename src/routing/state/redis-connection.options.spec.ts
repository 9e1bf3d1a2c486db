import { DEFAULT_REDIS_KEY_PREFIX, redisSettingsFrom, sameRedisSettings, scrubRedisMessage } from './redis-connection.options';

describe('redisSettingsFrom', () => {
  it('is undefined when no Redis is configured', () => {
    expect(redisSettingsFrom({})).toBeUndefined();
    expect(redisSettingsFrom({ redis_url: '  ' })).toBeUndefined();
    expect(redisSettingsFrom({ redis_port: 6379 })).toBeUndefined();
  });

  it('reads redis_url, shows only host:port and keeps the password as a secret', () => {
    const s = redisSettingsFrom({ redis_url: 'redis://user:p%40ss@cache.internal:6380/2' })!;
    expect(s).toMatchObject({ url: 'redis://user:p%40ss@cache.internal:6380/2', display: 'cache.internal:6380', keyPrefix: DEFAULT_REDIS_KEY_PREFIX });
    expect(s.secrets).toEqual(expect.arrayContaining(['p@ss', 'p%40ss']));
  });

  it("reads LiteLLM's redis_host / redis_port / redis_password, the port also as a string", () => {
    const s = redisSettingsFrom({ redis_host: 'redis', redis_port: '6390', redis_password: 'pw', redis_key_prefix: 'team-a:' })!;
    expect(s.options).toMatchObject({ host: 'redis', port: 6390, password: 'pw' });
    expect(s).toMatchObject({ display: 'redis:6390', keyPrefix: 'team-a:', secrets: ['pw'] });
    expect(redisSettingsFrom({ redis_host: 'redis' })!.options.port).toBe(6379);
  });

  it('prefers redis_url over host and port', () => {
    expect(redisSettingsFrom({ redis_url: 'redis://a:1', redis_host: 'b' })!.display).toBe('a:1');
  });

  it('compares settings for reloads', () => {
    expect(sameRedisSettings(undefined, undefined)).toBe(true);
    expect(sameRedisSettings(redisSettingsFrom({ redis_url: 'redis://a:1' }), undefined)).toBe(false);
    expect(sameRedisSettings(redisSettingsFrom({ redis_url: 'redis://a:1' }), redisSettingsFrom({ redis_url: 'redis://a:1' }))).toBe(true);
    expect(sameRedisSettings(redisSettingsFrom({ redis_host: 'a' }), redisSettingsFrom({ redis_host: 'a', redis_key_prefix: 'x:' }))).toBe(false);
  });
});

describe('scrubRedisMessage', () => {
  it.each([
    ['connect ECONNREFUSED redis://u:hunter2@h:6379', ['hunter2'], 'connect ECONNREFUSED redis://***@h:6379'],
    ['WRONGPASS for hunter2', ['hunter2'], 'WRONGPASS for ***'],
    ['connect ECONNREFUSED 127.0.0.1:6379', [], 'connect ECONNREFUSED 127.0.0.1:6379'],
  ])('%s', (message, secrets, expected) => {
    expect(scrubRedisMessage(message, secrets)).toBe(expected);
  });
});

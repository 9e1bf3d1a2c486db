import type { RedisOptions } from 'ioredis';
import type { RouterSettingsSchema } from '../../config/schema/router-settings.schema';

export const DEFAULT_REDIS_KEY_PREFIX = 'llmgw:';

/** How to reach the shared Redis, read from `router_settings`; `undefined` when none is configured. */
export interface RedisConnectionSettings {
  /** Passed to ioredis: a `redis://` / `rediss://` URL, or host/port options. */
  readonly url?: string;
  readonly options: RedisOptions;
  /** `host:port` with no credentials: the only form of the address that may be logged or shown. */
  readonly display: string;
  /** Every key the gateway writes starts with this. */
  readonly keyPrefix: string;
  /** Strings that must never appear in a log line (passwords, the URL itself). */
  readonly secrets: readonly string[];
}

/**
 * LiteLLM's spellings: `redis_url`, or `redis_host` + `redis_port` +
 * `redis_password` (+ `redis_username`). `redis_key_prefix` is ours. Values
 * given as `os.environ/NAME` were resolved by the loader; an unset variable
 * leaves the key undefined, so no Redis is used (the loader warned).
 */
export function redisSettingsFrom(router: RouterSettingsSchema): RedisConnectionSettings | undefined {
  const prefix = typeof router.redis_key_prefix === 'string' && router.redis_key_prefix ? router.redis_key_prefix : DEFAULT_REDIS_KEY_PREFIX;
  const url = typeof router.redis_url === 'string' ? router.redis_url.trim() : '';
  if (url) {
    let display = 'redis';
    const secrets = [url];
    try {
      const parsed = new URL(url);
      display = `${parsed.hostname}:${parsed.port || '6379'}`;
      if (parsed.password) secrets.push(decodeURIComponent(parsed.password), parsed.password);
    } catch {
      // ioredis will report the bad URL when it connects; show nothing of it.
    }
    return { url, options: {}, display, keyPrefix: prefix, secrets };
  }
  const host = typeof router.redis_host === 'string' ? router.redis_host.trim() : '';
  if (!host) return undefined;
  const port = Number(router.redis_port ?? 6379);
  const password = typeof router.redis_password === 'string' && router.redis_password ? router.redis_password : undefined;
  const username = typeof router.redis_username === 'string' && router.redis_username ? router.redis_username : undefined;
  return {
    options: { host, port: Number.isFinite(port) ? port : 6379, password, username },
    display: `${host}:${Number.isFinite(port) ? port : 6379}`,
    keyPrefix: prefix,
    secrets: password ? [password] : [],
  };
}

/** Removes credentials from a message (an ioredis error may echo the URL it was given). */
export function scrubRedisMessage(message: string, secrets: readonly string[]): string {
  let out = message.replace(/(rediss?:\/\/)[^@\s/]*@/gi, '$1***@');
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** Whether two configs point at the same Redis the same way (a reload cannot reconnect). */
export function sameRedisSettings(a: RedisConnectionSettings | undefined, b: RedisConnectionSettings | undefined): boolean {
  if (!a || !b) return a === b;
  return a.url === b.url && a.keyPrefix === b.keyPrefix && JSON.stringify(a.options) === JSON.stringify(b.options);
}

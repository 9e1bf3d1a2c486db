import type { Redis } from 'ioredis';
import { LatencyWindow } from './latency-window';
import type { DeploymentState } from './router-state.store';

/** Counters of a one-minute window outlive it a little, for late readers; then Redis drops them. */
const WINDOW_TTL_MS = 120_000;
/** A call that never ended (its replica died) stops counting as in flight after this. */
export const IN_FLIGHT_STALE_MS = 15 * 60_000;
/** Latency samples kept per deployment, and how long an idle deployment's samples live. */
const LATENCY_SAMPLES = 50;
const LATENCY_TTL_MS = 60 * 60_000;
const FAILURE_STATS_WINDOW_MS = 60_000;

const minuteOf = (now: number) => Math.floor(now / 60_000);

/** Raises the cooldown to `until` (never lowers it), expiring with it, and clears the failure count. */
const SET_COOLDOWN_LUA = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = tonumber(ARGV[1])
if untilMs > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
redis.call('DEL', KEYS[2])
return 1`;

type ExecResult = Array<[Error | null, unknown]> | null;

/**
 * The router state's Redis protocol: one round trip per operation, atomic
 * (MULTI or Lua), every key prefixed and given a TTL. Throws on any Redis
 * failure; `RedisRouterStateStore` decides what to do then.
 *
 * Keys, for deployment `d` (the `{d}` hash tag keeps a deployment's keys in one cluster slot):
 *   <prefix>dep:{d}:rpm:<minute>, :tpm:<minute>  counters of the fixed one-minute window
 *   <prefix>dep:{d}:inflight                      sorted set of call tokens by start time
 *   <prefix>dep:{d}:fails                         sorted set of failure times (sliding window)
 *   <prefix>dep:{d}:cooldown                      epoch ms the cooldown ends, expiring then
 *   <prefix>dep:{d}:latency                       list of the last latency samples
 */
export class RedisRouterStateCommands {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(id: string, part: string): string {
    return `${this.prefix}dep:{${id}}:${part}`;
  }

  async snapshot(ids: readonly string[], now: number): Promise<Map<string, DeploymentState>> {
    const minute = minuteOf(now);
    const pipeline = this.redis.pipeline();
    for (const id of ids) {
      pipeline.get(this.key(id, `rpm:${minute}`));
      pipeline.get(this.key(id, `tpm:${minute}`));
      pipeline.zcount(this.key(id, 'inflight'), now - IN_FLIGHT_STALE_MS, '+inf');
      pipeline.get(this.key(id, 'cooldown'));
      pipeline.zcount(this.key(id, 'fails'), now - FAILURE_STATS_WINDOW_MS, '+inf');
      pipeline.lrange(this.key(id, 'latency'), 0, -1);
    }
    const results = unwrap(await pipeline.exec());
    const out = new Map<string, DeploymentState>();
    ids.forEach((id, i) => {
      const [rpm, tpm, inFlight, cooldown, failures, latency] = results.slice(i * 6, i * 6 + 6);
      const window = new LatencyWindow(LATENCY_SAMPLES);
      for (const sample of (latency as string[] | null) ?? []) window.add(Number(sample));
      const until = Number(cooldown ?? 0);
      out.set(id, {
        cooldownUntil: until > now ? until : 0,
        rpm: Number(rpm ?? 0),
        tpm: Number(tpm ?? 0),
        inFlight: Number(inFlight ?? 0),
        recentFailures: Number(failures ?? 0),
        latencyMs: window.mean(),
        p50: window.percentile(50),
        p95: window.percentile(95),
      });
    });
    return out;
  }

  /** A call starts: rpm +1 and its token joins the in-flight set. */
  async begin(id: string, token: string, now: number): Promise<void> {
    const rpm = this.key(id, `rpm:${minuteOf(now)}`);
    const inflight = this.key(id, 'inflight');
    unwrap(
      await this.redis
        .multi()
        .incr(rpm)
        .pexpire(rpm, WINDOW_TTL_MS)
        .zremrangebyscore(inflight, '-inf', now - IN_FLIGHT_STALE_MS)
        .zadd(inflight, now, token)
        .pexpire(inflight, IN_FLIGHT_STALE_MS)
        .exec(),
    );
  }

  /** Re-adds calls that began while Redis was away (after it returns). */
  async addInFlight(id: string, tokens: ReadonlyArray<{ token: string; started: number }>): Promise<void> {
    if (tokens.length === 0) return;
    const inflight = this.key(id, 'inflight');
    const tx = this.redis.multi();
    for (const t of tokens) tx.zadd(inflight, t.started, t.token);
    unwrap(await tx.pexpire(inflight, IN_FLIGHT_STALE_MS).exec());
  }

  /** A call ends: its token leaves the in-flight set; latency and tokens are recorded when known. */
  async end(id: string, token: string | undefined, outcome: { latencyMs?: number; tokens?: number }, now: number): Promise<void> {
    const tx = this.redis.multi();
    if (token) tx.zrem(this.key(id, 'inflight'), token);
    if (outcome.tokens) this.addTokensTo(tx, id, outcome.tokens, now);
    if (outcome.latencyMs !== undefined && Number.isFinite(outcome.latencyMs)) {
      const latency = this.key(id, 'latency');
      tx.lpush(latency, Math.round(outcome.latencyMs * 10) / 10)
        .ltrim(latency, 0, LATENCY_SAMPLES - 1)
        .pexpire(latency, LATENCY_TTL_MS);
    }
    unwrap(await tx.exec());
  }

  async addTokens(id: string, tokens: number, now: number): Promise<void> {
    unwrap(await this.addTokensTo(this.redis.multi(), id, tokens, now).exec());
  }

  /** Adds to the window of `now`'s minute (also used to resync counts made while Redis was away). */
  async addRequests(id: string, requests: number, now: number): Promise<void> {
    const rpm = this.key(id, `rpm:${minuteOf(now)}`);
    unwrap(await this.redis.multi().incrby(rpm, requests).pexpire(rpm, WINDOW_TTL_MS).exec());
  }

  /** Records a failure; returns the failures in the last `windowMs`, every replica's together. */
  async recordFailure(id: string, member: string, now: number, windowMs: number): Promise<number> {
    const fails = this.key(id, 'fails');
    const results = unwrap(
      await this.redis
        .multi()
        .zremrangebyscore(fails, '-inf', now - Math.max(windowMs, FAILURE_STATS_WINDOW_MS))
        .zadd(fails, now, member)
        .zcount(fails, now - windowMs, '+inf')
        .pexpire(fails, Math.max(windowMs, FAILURE_STATS_WINDOW_MS))
        .exec(),
    );
    return Number(results[2]);
  }

  async setCooldown(id: string, until: number, now: number): Promise<void> {
    if (until <= now) return;
    await this.redis.eval(SET_COOLDOWN_LUA, 2, this.key(id, 'cooldown'), this.key(id, 'fails'), String(until), String(until - now));
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === 'PONG';
  }

  private addTokensTo<T extends ReturnType<Redis['multi']>>(tx: T, id: string, tokens: number, now: number): T {
    const tpm = this.key(id, `tpm:${minuteOf(now)}`);
    tx.incrby(tpm, Math.round(tokens)).pexpire(tpm, WINDOW_TTL_MS);
    return tx;
  }
}

/** The replies of a pipeline or transaction; the first error is thrown. */
function unwrap(results: ExecResult): unknown[] {
  if (!results) throw new Error('Redis transaction was aborted');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

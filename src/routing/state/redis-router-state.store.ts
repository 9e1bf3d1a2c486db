import { randomUUID } from 'node:crypto';
import type { LoggerService, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InMemoryRouterStateStore } from './in-memory-router-state.store';
import { scrubRedisMessage, type RedisConnectionSettings } from './redis-connection.options';
import { RedisRouterStateCommands } from './redis-router-state.commands';
import type { DeploymentState, RouterStateStore } from './router-state.store';

/** Where Redis failures are counted (`MetricsService` has this method). */
export interface RedisFailureCounter {
  recordRedisFailure(operation: string): void;
}

/** What the probes and the admin views show of the shared state. */
export interface RedisStateStatus {
  backend: 'redis';
  address: string;
  keyPrefix: string;
  /** Whether calls read and write the shared state right now (false: served from this replica's memory). */
  shared: boolean;
  /** Since when Redis has been unavailable (ISO), when it is. */
  degradedSince?: string;
}

interface LocalCall {
  token: string;
  started: number;
  /** Whether the token is in Redis's in-flight set (false when it began while Redis was away). */
  remote: boolean;
}

/** Counts made while Redis was away, pushed to it when it returns. */
interface PendingDeltas {
  minute: number;
  requests: number;
  tokens: number;
  cooldownUntil: number;
}

const PING_TIMEOUT_MS = 1_000;
const RECOVERY_CHECK_MS = 1_000;
const minuteOf = (now: number) => Math.floor(now / 60_000);

/**
 * Router state shared by every replica through Redis, failing open: every
 * write also goes to a local in-memory store, and while Redis is away (not
 * connected, or a command failed) calls are routed from that local state.
 * The outage is logged once, each operation served locally is counted, and
 * readiness reports it. When Redis answers again the counts and cooldowns
 * made meanwhile are pushed to it and sharing resumes.
 */
export class RedisRouterStateStore implements RouterStateStore, OnApplicationShutdown {
  private readonly local = new InMemoryRouterStateStore();
  private readonly commands: RedisRouterStateCommands;
  private readonly calls = new Map<string, LocalCall[]>();
  private pending = new Map<string, PendingDeltas>();
  private readonly replica = randomUUID().slice(0, 8);
  private seq = 0;
  private available = false;
  private downSince?: number;
  private warned = false;
  private recovering = false;
  private closing = false;
  private readonly recoveryTimer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly settings: RedisConnectionSettings,
    private readonly logger: LoggerService,
    private readonly failures?: () => RedisFailureCounter | undefined,
  ) {
    this.commands = new RedisRouterStateCommands(redis, settings.keyPrefix);
    redis.on('ready', () => void this.recover());
    redis.on('error', (err: Error) => this.markDown('connection', err));
    redis.on('close', () => this.markDown('connection', new Error('connection closed')));
    // A command can fail while the connection stays up (timeout): re-check now and then.
    this.recoveryTimer = setInterval(() => {
      if (!this.available && this.redis.status === 'ready') void this.recover();
    }, RECOVERY_CHECK_MS);
    this.recoveryTimer.unref();
  }

  status(): RedisStateStatus {
    return {
      backend: 'redis',
      address: this.settings.display,
      keyPrefix: this.settings.keyPrefix,
      shared: this.available,
      degradedSince: this.available || this.downSince === undefined ? undefined : new Date(this.downSince).toISOString(),
    };
  }

  /** Whether Redis answers a PING now (readiness). */
  async ping(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    try {
      const ok = await withTimeout(this.commands.ping(), PING_TIMEOUT_MS);
      if (ok && !this.available) void this.recover();
      return ok;
    } catch (err) {
      this.markDown('ping', err);
      return false;
    }
  }

  async snapshot(ids: readonly string[], now: number): Promise<Map<string, DeploymentState>> {
    const shared = await this.remote('snapshot', () => this.commands.snapshot(ids, now));
    return shared ?? this.local.snapshot(ids, now);
  }

  async beginRequest(id: string, now: number): Promise<void> {
    await this.local.beginRequest(id, now);
    const call: LocalCall = { token: `${this.replica}:${++this.seq}`, started: now, remote: false };
    this.callsOf(id).push(call);
    const done = await this.remote('beginRequest', () => this.commands.begin(id, call.token, now).then(() => true));
    if (done) call.remote = true;
    else this.pendingOf(id, now).requests++;
  }

  async endRequest(id: string, outcome: { latencyMs?: number; tokens?: number }, now: number): Promise<void> {
    await this.local.endRequest(id, outcome, now);
    const call = this.callsOf(id).shift();
    if (this.calls.get(id)?.length === 0) this.calls.delete(id);
    const done = await this.remote('endRequest', () => this.commands.end(id, call?.remote ? call.token : undefined, outcome, now).then(() => true));
    if (!done && outcome.tokens) this.pendingOf(id, now).tokens += outcome.tokens;
  }

  async addTokens(id: string, tokens: number, now: number): Promise<void> {
    await this.local.addTokens(id, tokens, now);
    const done = await this.remote('addTokens', () => this.commands.addTokens(id, tokens, now).then(() => true));
    if (!done) this.pendingOf(id, now).tokens += tokens;
  }

  async recordFailure(id: string, now: number, windowMs: number): Promise<number> {
    const localCount = await this.local.recordFailure(id, now, windowMs);
    const shared = await this.remote('recordFailure', () => this.commands.recordFailure(id, `${now}:${this.replica}:${++this.seq}`, now, windowMs));
    return shared ?? localCount;
  }

  async setCooldown(id: string, until: number, now: number): Promise<void> {
    await this.local.setCooldown(id, until, now);
    const done = await this.remote('setCooldown', () => this.commands.setCooldown(id, until, now).then(() => true));
    if (!done) {
      const p = this.pendingOf(id, now);
      p.cooldownUntil = Math.max(p.cooldownUntil, until);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.recoveryTimer);
    this.closing = true;
    this.available = false;
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    try {
      await withTimeout(this.redis.quit(), PING_TIMEOUT_MS);
    } catch {
      this.redis.disconnect();
    }
  }

  /** Runs a Redis operation when Redis is available; `undefined` when it is not or the operation failed. */
  private async remote<T>(operation: string, run: () => Promise<T>): Promise<T | undefined> {
    if (!this.available) {
      this.failures?.()?.recordRedisFailure(operation);
      return undefined;
    }
    try {
      return await run();
    } catch (err) {
      this.markDown(operation, err);
      this.failures?.()?.recordRedisFailure(operation);
      return undefined;
    }
  }

  private markDown(operation: string, err: unknown): void {
    if (this.closing) return;
    if (this.available || !this.warned) {
      const reason = scrubRedisMessage(err instanceof Error ? err.message || err.name : String(err), this.settings.secrets);
      this.logger.warn?.(
        `Redis at ${this.settings.display} unavailable (${operation}: ${reason}); routing from this replica's local state until it returns`,
      );
      this.warned = true;
    }
    if (this.available || this.downSince === undefined) this.downSince = Date.now();
    this.available = false;
  }

  /** Redis answers again: push what was counted meanwhile, then share again. */
  private async recover(): Promise<void> {
    if (this.available || this.recovering || this.redis.status !== 'ready') return;
    this.recovering = true;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const now = Date.now();
      let cooldowns = 0;
      for (const [id, p] of batch) {
        if (p.minute === minuteOf(now)) {
          if (p.requests) await this.commands.addRequests(id, p.requests, now);
          if (p.tokens) await this.commands.addTokens(id, p.tokens, now);
        }
        if (p.cooldownUntil > now) {
          await this.commands.setCooldown(id, p.cooldownUntil, now);
          cooldowns++;
        }
      }
      for (const [id, calls] of this.calls) {
        const localOnly = calls.filter((c) => !c.remote);
        await this.commands.addInFlight(id, localOnly);
        for (const c of localOnly) c.remote = true;
      }
      const wasDown = this.warned;
      this.available = true;
      this.downSince = undefined;
      this.warned = false;
      if (wasDown) {
        this.logger.log(`Redis at ${this.settings.display} is back: router state is shared again (resynced ${batch.size} deployment(s), ${cooldowns} cooldown(s))`);
      }
    } catch (err) {
      // Keep what could not be pushed for the next attempt.
      for (const [id, p] of batch) if (!this.pending.has(id)) this.pending.set(id, p);
      this.markDown('resync', err);
    } finally {
      this.recovering = false;
    }
  }

  private callsOf(id: string): LocalCall[] {
    let list = this.calls.get(id);
    if (!list) this.calls.set(id, (list = []));
    return list;
  }

  private pendingOf(id: string, now: number): PendingDeltas {
    const minute = minuteOf(now);
    let p = this.pending.get(id);
    if (!p) this.pending.set(id, (p = { minute, requests: 0, tokens: 0, cooldownUntil: 0 }));
    if (p.minute !== minute) Object.assign(p, { minute, requests: 0, tokens: 0 });
    return p;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

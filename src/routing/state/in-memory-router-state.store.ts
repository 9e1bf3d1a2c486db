import { LatencyWindow } from './latency-window';
import { DeploymentState, RouterStateStore } from './router-state.store';

interface Entry {
  minute: number;
  rpm: number;
  tpm: number;
  inFlight: number;
  cooldownUntil: number;
  failures: number[];
  latency: LatencyWindow;
  lastUsed: number;
}

/** Entries untouched this long (and idle, not cooling down) are forgotten: user_config deployments come and go. */
const IDLE_EVICTION_MS = 15 * 60_000;
const SWEEP_EVERY = 10_000;

const minuteOf = (now: number) => Math.floor(now / 60_000);

/** The embedded store: one process's view, fixed one-minute windows for rpm/tpm. */
export class InMemoryRouterStateStore implements RouterStateStore {
  private readonly entries = new Map<string, Entry>();
  private touches = 0;

  /** How many deployments it holds state for (bounded by the idle sweep). */
  get size(): number {
    return this.entries.size;
  }

  private entry(id: string, now: number): Entry {
    if (++this.touches % SWEEP_EVERY === 0) this.sweep(now);
    let e = this.entries.get(id);
    if (!e) {
      e = { minute: minuteOf(now), rpm: 0, tpm: 0, inFlight: 0, cooldownUntil: 0, failures: [], latency: new LatencyWindow(), lastUsed: now };
      this.entries.set(id, e);
    }
    e.lastUsed = now;
    const minute = minuteOf(now);
    if (e.minute !== minute) {
      e.minute = minute;
      e.rpm = 0;
      e.tpm = 0;
    }
    return e;
  }

  private sweep(now: number): void {
    for (const [id, e] of this.entries) {
      if (e.lastUsed < now - IDLE_EVICTION_MS && e.inFlight === 0 && e.cooldownUntil <= now) this.entries.delete(id);
    }
  }

  async snapshot(ids: readonly string[], now: number): Promise<Map<string, DeploymentState>> {
    const out = new Map<string, DeploymentState>();
    for (const id of ids) {
      const e = this.entry(id, now);
      const recentFailures = e.failures.filter((t) => t > now - 60_000).length;
      out.set(id, {
        cooldownUntil: e.cooldownUntil > now ? e.cooldownUntil : 0,
        rpm: e.rpm,
        tpm: e.tpm,
        inFlight: e.inFlight,
        recentFailures,
        latencyMs: e.latency.mean(),
        p50: e.latency.percentile(50),
        p95: e.latency.percentile(95),
      });
    }
    return out;
  }

  async beginRequest(id: string, now: number): Promise<void> {
    const e = this.entry(id, now);
    e.rpm++;
    e.inFlight++;
  }

  async endRequest(id: string, outcome: { latencyMs?: number; tokens?: number }, now: number): Promise<void> {
    const e = this.entry(id, now);
    e.inFlight = Math.max(0, e.inFlight - 1);
    if (outcome.latencyMs !== undefined) e.latency.add(outcome.latencyMs);
    if (outcome.tokens) e.tpm += outcome.tokens;
  }

  async addTokens(id: string, tokens: number, now: number): Promise<void> {
    this.entry(id, now).tpm += tokens;
  }

  async recordFailure(id: string, now: number, windowMs: number): Promise<number> {
    const e = this.entry(id, now);
    e.failures = e.failures.filter((t) => t > now - windowMs);
    e.failures.push(now);
    return e.failures.length;
  }

  async setCooldown(id: string, until: number, now: number): Promise<void> {
    const e = this.entry(id, now);
    e.cooldownUntil = Math.max(e.cooldownUntil, until);
    e.failures = [];
  }
}

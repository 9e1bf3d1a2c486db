import type { OnApplicationShutdown } from '@nestjs/common';
import type { DeploymentState, RouterStateStore } from '../routing/state/router-state.store';
import type { DeploymentOutcomes } from './deployment-outcomes';

/**
 * Passes every call to the real router state store and notes each call's
 * outcome for GET /health: a call that ended with a latency succeeded, a
 * recorded failure failed (failures that are the caller's fault are never
 * recorded by the router, so they do not count against the deployment).
 */
export class OutcomeRecordingStore implements RouterStateStore, OnApplicationShutdown {
  constructor(
    readonly inner: RouterStateStore,
    private readonly outcomes: DeploymentOutcomes,
  ) {}

  snapshot(ids: readonly string[], now: number): Promise<Map<string, DeploymentState>> {
    return this.inner.snapshot(ids, now);
  }

  beginRequest(id: string, now: number): Promise<void> {
    return this.inner.beginRequest(id, now);
  }

  endRequest(id: string, outcome: { latencyMs?: number; tokens?: number }, now: number): Promise<void> {
    if (outcome.latencyMs !== undefined) this.outcomes.record(id, true, now);
    return this.inner.endRequest(id, outcome, now);
  }

  addTokens(id: string, tokens: number, now: number): Promise<void> {
    return this.inner.addTokens(id, tokens, now);
  }

  recordFailure(id: string, now: number, windowMs: number): Promise<number> {
    this.outcomes.record(id, false, now);
    return this.inner.recordFailure(id, now, windowMs);
  }

  setCooldown(id: string, until: number, now: number): Promise<void> {
    return this.inner.setCooldown(id, until, now);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    await (this.inner as Partial<OnApplicationShutdown>).onApplicationShutdown?.(signal);
  }
}

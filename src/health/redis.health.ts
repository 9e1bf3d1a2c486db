import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ReadinessIndicator } from './readiness.indicators';

/** What readiness needs of the shared router state (RedisRouterStateStore). */
export interface SharedStatePing {
  ping(): Promise<boolean>;
  status(): { address: string; shared: boolean; degradedSince?: string };
}

/**
 * Redis is a configured backing service: readiness is down (503) while it
 * does not answer, although calls keep being served from local state. A
 * replica that cannot share state is not one Kubernetes should count on for
 * rate limits and cooldowns; liveness stays up, so it is not restarted.
 */
export class RedisReadinessIndicator implements ReadinessIndicator {
  readonly key = 'redis';

  constructor(private readonly store: SharedStatePing) {}

  async check(): Promise<HealthIndicatorResult> {
    const up = await this.store.ping();
    const { address, degradedSince } = this.store.status();
    if (up) return { redis: { status: 'up', address } };
    return {
      redis: {
        status: 'down',
        address,
        degraded: true,
        message: 'Redis does not answer: calls are served from this replica\'s local router state',
        ...(degradedSince ? { since: degradedSince } : {}),
      },
    };
  }
}

import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ReadinessIndicator } from './readiness.indicators';

/** What readiness needs of the shared router state (RedisRouterStateStore). */
export interface SharedStatePing {
  ping(): Promise<boolean>;
  status(): { address: string; shared: boolean; degradedSince?: string };
}

/**
 * Redis is a configured backing service: readiness is down (503) while it
 * does not answer (SPEC 2), although calls keep being served from local
 * state; liveness stays up, so the pod is not restarted. With
 * `router_settings.redis_required_for_readiness: false` the outage is only
 * reported (`degraded: true`) and readiness stays up, so that a Redis outage
 * cannot take every replica out of the Service at once.
 */
export class RedisReadinessIndicator implements ReadinessIndicator {
  readonly key = 'redis';

  constructor(
    private readonly store: SharedStatePing,
    private readonly required = true,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const up = await this.store.ping();
    const { address, degradedSince } = this.store.status();
    if (up) return { redis: { status: 'up', address } };
    return {
      redis: {
        status: this.required ? 'down' : 'up',
        address,
        degraded: true,
        message: 'Redis does not answer: calls are served from this replica\'s local router state',
        ...(degradedSince ? { since: degradedSince } : {}),
      },
    };
  }
}

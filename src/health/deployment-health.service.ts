import { Inject, Injectable } from '@nestjs/common';
import type { Deployment } from '../deployments/deployment';
import { RouteTableService } from '../routing/route-table.service';
import { ROUTER_STATE_STORE, type DeploymentState, type RouterStateStore } from '../routing/state/router-state.store';
import { DeploymentOutcomes, OUTCOME_WINDOW_MINUTES } from './deployment-outcomes';
import { ReadinessRegistry } from './readiness.registry';
import { publicApiBase } from './public-api-base';

export type DeploymentHealthStatus = 'healthy' | 'cooling_down' | 'failing' | 'unknown';

export interface DeploymentHealth {
  id: string;
  model_name: string;
  provider: string;
  upstream_model: string;
  api_base: string | null;
  status: DeploymentHealthStatus;
  cooldown_until: string | null;
  cooldown_remaining_seconds: number;
  /** Failures in the last minute (every replica's, when Redis is shared). */
  recent_failures: number;
  /** This replica's calls over the last OUTCOME_WINDOW_MINUTES minutes. */
  success_rate: number | null;
  calls: { ok: number; failed: number; window_minutes: number };
  in_flight: number;
  rpm: number;
  tpm: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

/**
 * GET /health: each deployment's recent success rate and cooldown state,
 * read from the router's own state. No upstream call is made, so it spends
 * no tokens; a deployment with no recent calls is `unknown`, not unhealthy.
 */
@Injectable()
export class DeploymentHealthService {
  constructor(
    private readonly tables: RouteTableService,
    @Inject(ROUTER_STATE_STORE) private readonly store: RouterStateStore,
    private readonly outcomes: DeploymentOutcomes,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async report(now = Date.now()) {
    const deployments = [...this.tables.current.groups.values()].flat();
    const states = await this.store.snapshot(
      deployments.map((d) => d.id),
      now,
    );
    const rows = deployments.map((d) => this.row(d, states.get(d.id), now));
    const healthy = rows.filter((r) => r.status === 'healthy' || r.status === 'unknown');
    const unhealthy = rows.filter((r) => r.status === 'cooling_down' || r.status === 'failing');
    const redis = this.readiness.get('redis');
    const shared = redis ? Object.values(await redis.check())[0] : undefined;
    return {
      status: unhealthy.length === 0 ? 'healthy' : healthy.length === 0 ? 'unhealthy' : 'degraded',
      checked_at: new Date(now).toISOString(),
      router_state: shared ? { backend: 'redis', ...shared } : { backend: 'memory' },
      healthy_count: healthy.length,
      unhealthy_count: unhealthy.length,
      healthy_endpoints: healthy.map((r) => r.id),
      unhealthy_endpoints: unhealthy.map((r) => r.id),
      deployments: rows,
    };
  }

  private row(d: Deployment, s: DeploymentState | undefined, now: number): DeploymentHealth {
    const rate = this.outcomes.rate(d.id, now);
    const cooling = (s?.cooldownUntil ?? 0) > now;
    const failures = s?.recentFailures ?? 0;
    let status: DeploymentHealthStatus = 'unknown';
    if (cooling) status = 'cooling_down';
    else if (rate.successRate !== undefined && rate.successRate < 0.5 && rate.failed >= 2) status = 'failing';
    else if (rate.successRate !== undefined || (s?.latencyMs !== undefined && failures === 0)) status = 'healthy';
    return {
      id: d.id,
      model_name: d.modelName,
      provider: d.params.mock_response !== undefined ? 'mock' : d.provider,
      upstream_model: d.upstreamModel,
      api_base: publicApiBase(d.params.api_base),
      status,
      cooldown_until: cooling ? new Date(s!.cooldownUntil).toISOString() : null,
      cooldown_remaining_seconds: cooling ? Math.ceil((s!.cooldownUntil - now) / 1000) : 0,
      recent_failures: failures,
      success_rate: rate.successRate !== undefined ? Math.round(rate.successRate * 1000) / 1000 : null,
      calls: { ok: rate.ok, failed: rate.failed, window_minutes: OUTCOME_WINDOW_MINUTES },
      in_flight: s?.inFlight ?? 0,
      rpm: s?.rpm ?? 0,
      tpm: s?.tpm ?? 0,
      latency_p50_ms: s?.p50 ?? null,
      latency_p95_ms: s?.p95 ?? null,
    };
  }
}

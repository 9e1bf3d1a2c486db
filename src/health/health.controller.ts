import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { AdminOnly, Public } from '../auth/auth.decorators';
import { DeploymentHealthService } from './deployment-health.service';
import { GatewayHealthIndicator } from './gateway.health';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness.indicators';
import { ReadinessRegistry } from './readiness.registry';

/**
 * Kubernetes probes and the admin's deployment health. Liveness depends on
 * nothing; readiness on config, drain state and every configured backing
 * service (503 while any is down, even though calls are still served).
 */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly gateway: GatewayHealthIndicator,
    private readonly registry: ReadinessRegistry,
    private readonly deployments: DeploymentHealthService,
    @Optional() @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[] = [],
  ) {}

  @Get(['liveliness', 'liveness'])
  liveness() {
    return { status: 'ok' };
  }

  @Get('readiness')
  @HealthCheck()
  async readiness(@Res() res: Response): Promise<void> {
    const backing = [...(this.indicators ?? []), ...this.registry.list()];
    try {
      const result = await this.health.check([
        async () => this.gateway.config_loaded(),
        async () => this.gateway.accepting_traffic(),
        ...backing.map((i) => () => i.check()),
      ]);
      res.status(HttpStatus.OK).json(result);
    } catch (err) {
      // Terminus throws its report inside a 503; keep the report as the body.
      const report = (err as { getResponse?: () => unknown }).getResponse?.() ?? { status: 'error' };
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
  }

  /** Each deployment's recent success rate and cooldown state (admin). */
  @Get()
  @AdminOnly()
  deploymentHealth() {
    return this.deployments.report();
  }
}

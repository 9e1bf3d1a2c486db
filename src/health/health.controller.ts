import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminOnly, Public } from '../auth/auth.decorators';
import { DeploymentHealthService } from './deployment-health.service';
import { ReadinessService } from './readiness.service';

/**
 * Kubernetes probes and the admin's deployment health. Liveness depends on
 * nothing; readiness on config, drain state and every configured backing
 * service (503 while any is down, even though calls are still served).
 */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly readinessChecks: ReadinessService,
    private readonly deployments: DeploymentHealthService,
  ) {}

  @Get(['liveliness', 'liveness'])
  liveness() {
    return { status: 'ok' };
  }

  @Get('readiness')
  async readiness(@Res() res: Response): Promise<void> {
    const report = await this.readinessChecks.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }

  /** Each deployment's recent success rate and cooldown state (admin). */
  @Get()
  @AdminOnly()
  deploymentHealth() {
    return this.deployments.report();
  }
}

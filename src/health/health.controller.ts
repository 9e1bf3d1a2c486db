import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { GatewayHealthIndicator } from './gateway.health';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness.indicators';

/** Kubernetes probes. Liveness depends on nothing; readiness on config, drain state and backing services. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly gateway: GatewayHealthIndicator,
    @Optional() @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[] = [],
  ) {}

  @Get(['liveliness', 'liveness'])
  liveness() {
    return { status: 'ok' };
  }

  @Get('readiness')
  @HealthCheck()
  async readiness(@Res() res: Response): Promise<void> {
    try {
      const result = await this.health.check([
        async () => this.gateway.config_loaded(),
        async () => this.gateway.accepting_traffic(),
        ...this.indicators.map((i) => () => i.check()),
      ]);
      res.status(HttpStatus.OK).json(result);
    } catch (err) {
      // Terminus throws its report inside a 503; keep the report as the body.
      const report = (err as { getResponse?: () => unknown }).getResponse?.() ?? { status: 'error' };
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
  }
}

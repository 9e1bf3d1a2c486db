import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { GatewayConfigService } from '../config/gateway-config.service';
import { LifecycleState } from './lifecycle.state';

/** Up when the config is loaded and the gateway is not draining. */
@Injectable()
export class GatewayHealthIndicator {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly lifecycle: LifecycleState,
  ) {}

  config_loaded(): HealthIndicatorResult {
    // The file's path is not shown: probes are public.
    return { config: { status: 'up', deployments: this.config.current.deployments.length } };
  }

  accepting_traffic(): HealthIndicatorResult {
    return this.lifecycle.isDraining ? { lifecycle: { status: 'down', message: 'shutting down' } } : { lifecycle: { status: 'up' } };
  }
}

import { Injectable } from '@nestjs/common';
import { HealthIndicator, HealthIndicatorResult } from '@nestjs/terminus';
import { GatewayConfigService } from '../config/gateway-config.service';
import { LifecycleState } from './lifecycle.state';

/** Up when the config is loaded and the gateway is not draining. */
@Injectable()
export class GatewayHealthIndicator extends HealthIndicator {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly lifecycle: LifecycleState,
  ) {
    super();
  }

  config_loaded(): HealthIndicatorResult {
    const deployments = this.config.current.deployments.length;
    return this.getStatus('config', true, { file: this.config.current.file, deployments });
  }

  accepting_traffic(): HealthIndicatorResult {
    const ok = !this.lifecycle.isDraining;
    return this.getStatus('lifecycle', ok, ok ? {} : { message: 'shutting down' });
  }
}

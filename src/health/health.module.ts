import { Global, Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { DeploymentHealthService } from './deployment-health.service';
import { DeploymentOutcomes } from './deployment-outcomes';
import { GatewayHealthIndicator } from './gateway.health';
import { HealthController } from './health.controller';
import { LifecycleState } from './lifecycle.state';
import { ReadinessRegistry } from './readiness.registry';
import { ReadinessService } from './readiness.service';

@Global()
@Module({
  // LifecycleModule rides along: the app module imports feature modules, and probes, drain and reload are one concern.
  imports: [LifecycleModule],
  controllers: [HealthController],
  providers: [GatewayHealthIndicator, LifecycleState, ReadinessRegistry, ReadinessService, DeploymentOutcomes, DeploymentHealthService],
  exports: [LifecycleState, ReadinessRegistry, DeploymentOutcomes, DeploymentHealthService],
})
export class HealthModule {}

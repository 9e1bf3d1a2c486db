import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeploymentHealthService } from './deployment-health.service';
import { DeploymentOutcomes } from './deployment-outcomes';
import { GatewayHealthIndicator } from './gateway.health';
import { HealthController } from './health.controller';
import { LifecycleState } from './lifecycle.state';
import { ReadinessRegistry } from './readiness.registry';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController],
  providers: [GatewayHealthIndicator, LifecycleState, ReadinessRegistry, DeploymentOutcomes, DeploymentHealthService],
  exports: [LifecycleState, ReadinessRegistry, DeploymentOutcomes, DeploymentHealthService],
})
export class HealthModule {}

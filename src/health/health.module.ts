import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GatewayHealthIndicator } from './gateway.health';
import { HealthController } from './health.controller';
import { LifecycleState } from './lifecycle.state';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController],
  providers: [GatewayHealthIndicator, LifecycleState],
  exports: [LifecycleState],
})
export class HealthModule {}

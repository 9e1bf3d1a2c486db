import { Global, Module } from '@nestjs/common';
import { ROUTING_EVENTS } from '../routing/routing.di-tokens';
import { CallTrackingMiddleware } from './call-tracking/call-tracking.middleware';
import { GatewayLoggerService } from './logging/gateway-logger.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { KnownSecretsRegistrar } from './redaction/known-secrets.registrar';
import { SinkDispatcherService } from './sinks/sink-dispatcher.service';

/**
 * Logs, metrics and sinks. Global so the API controllers can bind
 * `CallTrackingMiddleware` and routing gets `ROUTING_EVENTS` (the metrics)
 * without importing it. Needs `GatewayConfigService` from the app.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    GatewayLoggerService,
    SinkDispatcherService,
    CallTrackingMiddleware,
    KnownSecretsRegistrar,
    { provide: ROUTING_EVENTS, useExisting: MetricsService },
  ],
  exports: [MetricsService, GatewayLoggerService, SinkDispatcherService, CallTrackingMiddleware, ROUTING_EVENTS],
})
export class ObservabilityModule {}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { GatewayConfigService } from '../../config/gateway-config.service';
import type { LoadedConfig } from '../../config/loaded-config';
import type { RoutingEvents } from '../../routing/routing.di-tokens';
import type { CallEvent } from '../events/call-event';
import type { SinkRunnerObserver } from '../sinks/sink-runner';
import { EventLoopDelayCollector } from './event-loop-delay.collector';

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];
const TTFT_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
/** Label for model names no config knows: clients choose them, so they must not become label values. */
const UNKNOWN_MODEL = 'unknown';
const NONE = 'none';

/**
 * The gateway's Prometheus metrics, on a registry of its own (so tests and
 * several app instances in one process do not collide), with Node's process
 * metrics. Routing reports retries, fallbacks and cooldowns through the
 * `RoutingEvents` methods; sink runners report through `SinkRunnerObserver`.
 */
@Injectable()
export class MetricsService implements RoutingEvents, SinkRunnerObserver, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly eventLoopDelay = new EventLoopDelayCollector(this.registry);

  private readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'Model calls answered, by route, model, deployment and HTTP status code',
    labelNames: ['route', 'model', 'deployment', 'status_code'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'Time from request to the end of the response or stream',
    labelNames: ['route', 'model', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly timeToFirstToken = new Histogram({
    name: 'gateway_time_to_first_token_seconds',
    help: 'Time from request to the first streamed chunk',
    labelNames: ['route', 'model'] as const,
    buckets: TTFT_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokensIn = new Counter({
    name: 'gateway_tokens_input_total',
    help: 'Prompt tokens, as reported by providers',
    labelNames: ['model', 'deployment'] as const,
    registers: [this.registry],
  });
  private readonly tokensOut = new Counter({
    name: 'gateway_tokens_output_total',
    help: 'Completion tokens, as reported by providers',
    labelNames: ['model', 'deployment'] as const,
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: 'gateway_requests_in_flight',
    help: 'Model calls being served right now',
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'gateway_retries_total',
    help: 'Upstream calls retried, by model and the deployment that failed',
    labelNames: ['model', 'deployment'] as const,
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: 'gateway_fallbacks_total',
    help: 'Calls that fell back from one model name to another',
    labelNames: ['from_model', 'to_model'] as const,
    registers: [this.registry],
  });
  private readonly cooldowns = new Counter({
    name: 'gateway_cooldowns_total',
    help: 'Times a deployment entered cooldown',
    labelNames: ['deployment'] as const,
    registers: [this.registry],
  });
  private countCooldowns?: () => Promise<number>;
  private readonly inCooldown = new Gauge({
    name: 'gateway_deployments_in_cooldown',
    help: 'Deployments cooling down right now',
    registers: [this.registry],
    // Read from the router state at scrape time (shared through Redis when configured).
    collect: async () => {
      if (!this.countCooldowns) return;
      try {
        this.inCooldown.set(await this.countCooldowns());
      } catch {
        // the router state is unavailable: keep the last value
      }
    },
  });
  private readonly redisFailures = new Counter({
    name: 'gateway_redis_failures_total',
    help: 'Failed Redis operations (the gateway falls back to local state)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly sinkSent = new Counter({
    name: 'gateway_sink_events_sent_total',
    help: 'Call events delivered, by sink',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });
  private readonly sinkDropped = new Counter({
    name: 'gateway_sink_events_dropped_total',
    help: 'Call events dropped because a sink was slow or down (queue full) or shutdown came first',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });
  private readonly sinkFailed = new Counter({
    name: 'gateway_sink_events_failed_total',
    help: 'Call events a sink could not deliver after its retries',
    labelNames: ['sink'] as const,
    registers: [this.registry],
  });

  private knownModelsFor?: LoadedConfig;
  private knownModels = new Set<string>();

  constructor(private readonly config: GatewayConfigService) {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleDestroy(): void {
    this.eventLoopDelay.stop();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  requestStarted(): void {
    this.inFlight.inc();
  }

  requestFinished(): void {
    this.inFlight.dec();
  }

  /** Counts one finished call from its event. */
  recordCall(event: CallEvent): void {
    const route = event.route ?? NONE;
    const model = this.modelLabel(event);
    const deployment = event.deployment_id ?? NONE;
    const statusCode = String(event.http_status);
    this.requests.inc({ route, model, deployment, status_code: statusCode });
    this.duration.observe({ route, model, status_code: statusCode }, event.response_ms / 1000);
    if (event.time_to_first_token_ms !== null) this.timeToFirstToken.observe({ route, model }, event.time_to_first_token_ms / 1000);
    const prompt = event.usage?.prompt_tokens;
    const completion = event.usage?.completion_tokens;
    if (typeof prompt === 'number' && prompt > 0) this.tokensIn.inc({ model, deployment }, prompt);
    if (typeof completion === 'number' && completion > 0) this.tokensOut.inc({ model, deployment }, completion);
  }

  recordRetry(model: string, deploymentId: string): void {
    this.retries.inc({ model, deployment: deploymentId });
  }

  recordFallback(fromModel: string, toModel: string): void {
    this.fallbacks.inc({ from_model: fromModel, to_model: toModel });
  }

  recordCooldown(deploymentId: string): void {
    this.cooldowns.inc({ deployment: deploymentId });
  }

  watchDeploymentsInCooldown(count: () => Promise<number>): void {
    this.countCooldowns = count;
  }

  setDeploymentsInCooldown(count: number): void {
    this.inCooldown.set(count);
  }

  recordRedisFailure(operation: string): void {
    this.redisFailures.inc({ operation });
  }

  sent(sink: string, count: number): void {
    if (count > 0) this.sinkSent.inc({ sink }, count);
  }

  dropped(sink: string, count: number): void {
    if (count > 0) this.sinkDropped.inc({ sink }, count);
  }

  failed(sink: string, count: number): void {
    if (count > 0) this.sinkFailed.inc({ sink }, count);
  }

  /** A routed call's model, or a configured model name; anything else is `unknown`. */
  private modelLabel(event: CallEvent): string {
    if (!event.model) return NONE;
    if (event.deployment_id) return event.model;
    const config = this.config.current;
    if (this.knownModelsFor !== config) {
      this.knownModels = new Set(config.deployments.map((d) => d.modelName));
      this.knownModelsFor = config;
    }
    return this.knownModels.has(event.model) ? event.model : UNKNOWN_MODEL;
  }
}

import { Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { GatewayConfigService } from '../../config/gateway-config.service';
import type { SinkSchema } from '../../config/schema/logging-settings.schema';
import type { CallEvent } from '../events/call-event';
import { GatewayLoggerService } from '../logging/gateway-logger.service';
import { MetricsService } from '../metrics/metrics.service';
import { secretMasker } from '../redaction/secret-masker';
import { createSink } from './index';
import { ReadinessRegistry } from '../../health/readiness.registry';
import { SinkReadinessIndicator } from './sink-readiness.indicator';
import { SinkRunner, SinkRunnerObserver } from './sink-runner';

/** How long shutdown waits for sinks to drain (SPEC 10: flush, then exit). */
export const SINK_FLUSH_DEADLINE_MS = 5000;

export interface SinkStats {
  name: string;
  queued: number;
}

/**
 * Fans each call event out to every configured sink, through one bounded
 * runner per sink. `dispatch` redacts once and only enqueues: it never waits
 * and never throws. Rebuilt when a config reload changes `logging.sinks`;
 * flushed (with a deadline) on shutdown.
 */
@Injectable()
export class SinkDispatcherService implements OnModuleInit, OnApplicationShutdown {
  private runners: SinkRunner[] = [];
  /** The runners of sinks configured with `required: true`. */
  private required: SinkRunner[] = [];
  private unsubscribe?: () => void;
  private readonly observer: SinkRunnerObserver;

  constructor(
    private readonly config: GatewayConfigService,
    private readonly metrics: MetricsService,
    private readonly logger: GatewayLoggerService,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {
    this.observer = {
      sent: (sink, n) => metrics.sent(sink, n),
      dropped: (sink, n) => metrics.dropped(sink, n),
      failed: (sink, n, err) => {
        metrics.failed(sink, n);
        this.logger.warn('sink delivery failed', { sink, events: n, error: err instanceof Error ? err.message : String(err) }, 'Sinks');
      },
    };
  }

  onModuleInit(): void {
    this.runners = this.build(this.config.current.logging.sinks);
    this.readiness?.register(new SinkReadinessIndicator(() => this.required));
    this.unsubscribe = this.config.onReload((next, previous) => {
      if (JSON.stringify(next.logging.sinks) === JSON.stringify(previous.logging.sinks)) return;
      const old = this.runners;
      this.runners = this.build(next.logging.sinks);
      void this.flushAll(old, SINK_FLUSH_DEADLINE_MS);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    const runners = this.runners;
    this.runners = [];
    await this.flushAll(runners, SINK_FLUSH_DEADLINE_MS);
  }

  /** Hands the event to every sink's queue. */
  dispatch(event: CallEvent): void {
    if (this.runners.length === 0) return;
    let safe: CallEvent;
    try {
      safe = secretMasker.redact(event);
    } catch (err) {
      this.logger.error('could not redact a call event; dropped', { request_id: event.request_id, err }, 'Sinks');
      return;
    }
    for (const runner of this.runners) runner.enqueue(safe);
  }

  stats(): SinkStats[] {
    return this.runners.map((r) => ({ name: r.name, queued: r.queued }));
  }

  private build(configs: readonly SinkSchema[]): SinkRunner[] {
    const names = new Set<string>();
    const runners = configs.map((config, i) => {
      let name = typeof config.name === 'string' && config.name ? config.name : config.type;
      if (names.has(name)) name = `${name}#${i}`;
      names.add(name);
      const { sink, settings } = createSink(config, { name, writeStdout: (text) => this.logger.writeStdout(text) });
      return new SinkRunner(sink, settings, this.observer);
    });
    this.required = runners.filter((_, i) => configs[i].required === true);
    return runners;
  }

  private async flushAll(runners: SinkRunner[], deadlineMs: number): Promise<void> {
    const results = await Promise.all(runners.map((r) => r.flush(deadlineMs).then((res) => ({ name: r.name, ...res }))));
    for (const r of results) if (r.dropped > 0) this.logger.warn('sink did not drain before the deadline', { sink: r.name, dropped: r.dropped }, 'Sinks');
  }
}

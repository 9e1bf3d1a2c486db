import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ReadinessIndicator } from '../../health/readiness.indicators';

/** What readiness reads of a sink's runner. */
export interface SinkHealth {
  readonly name: string;
  readonly healthy: boolean;
  readonly queued: number;
}

/**
 * Sinks marked `required: true` are backing services (SPEC 2): readiness is
 * down while the last delivery to any of them failed. Other sinks never
 * affect readiness: they drop and count instead.
 */
export class SinkReadinessIndicator implements ReadinessIndicator {
  readonly key = 'sinks';

  constructor(private readonly requiredSinks: () => readonly SinkHealth[]) {}

  async check(): Promise<HealthIndicatorResult> {
    const sinks = this.requiredSinks();
    const down = sinks.filter((s) => !s.healthy).map((s) => s.name);
    return {
      sinks: {
        status: down.length === 0 ? 'up' : 'down',
        required: sinks.map((s) => ({ name: s.name, healthy: s.healthy, queued: s.queued })),
        ...(down.length ? { message: `last delivery failed: ${down.join(', ')}` } : {}),
      },
    };
  }
}

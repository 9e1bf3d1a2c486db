import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ReadinessIndicator } from '../../health/readiness.indicators';

/** Readiness stays `down` (503) until the warm-up has run. */
export class WarmUpIndicator implements ReadinessIndicator {
  readonly key = 'warm_up';
  private done = false;

  finish(): void {
    this.done = true;
  }

  async check(): Promise<HealthIndicatorResult> {
    return { [this.key]: this.done ? { status: 'up' } : { status: 'down', message: 'warming up' } };
  }
}

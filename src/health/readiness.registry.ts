import { Injectable } from '@nestjs/common';
import type { ReadinessIndicator } from './readiness.indicators';

/**
 * Backing services that readiness depends on, registered at run time by the
 * module that creates them (e.g. the router state store when Redis is
 * configured). Nest has no multi-providers; this is the one place they meet.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly indicators = new Map<string, ReadinessIndicator>();

  register(indicator: ReadinessIndicator): void {
    this.indicators.set(indicator.key, indicator);
  }

  get(key: string): ReadinessIndicator | undefined {
    return this.indicators.get(key);
  }

  list(): ReadinessIndicator[] {
    return [...this.indicators.values()];
  }
}

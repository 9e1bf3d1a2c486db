import type { HealthIndicatorResult } from '@nestjs/terminus';

/**
 * A backing service readiness depends on (Redis, a sink that must be up).
 * Modules add theirs through the READINESS_INDICATORS multi-provider.
 */
export interface ReadinessIndicator {
  readonly key: string;
  check(): Promise<HealthIndicatorResult>;
}

export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');

import { Inject, Injectable, Optional } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { GatewayHealthIndicator } from './gateway.health';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness.indicators';
import { ReadinessRegistry } from './readiness.registry';

/** A backing service that does not answer within this is down (a probe must not hang). */
const CHECK_TIMEOUT_MS = 2_000;

/** Terminus's report shape: `status`, and each check under `info` (up), `error` (down) and `details` (all). */
export interface ReadinessReport {
  status: 'ok' | 'error';
  info: HealthIndicatorResult;
  error: HealthIndicatorResult;
  details: HealthIndicatorResult;
}

/**
 * Readiness: config loaded, not draining, and every configured backing
 * service answering. Health is a returned value: each check returns `up` or
 * `down`, and any `down` (or a check that throws or hangs) makes the report
 * an error, which the controller answers with 503.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly gateway: GatewayHealthIndicator,
    private readonly registry: ReadinessRegistry,
    @Optional() @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[] = [],
  ) {}

  async check(): Promise<ReadinessReport> {
    const backing = [...(this.indicators ?? []), ...this.registry.list()];
    const results = await Promise.all([
      this.gateway.config_loaded(),
      this.gateway.accepting_traffic(),
      ...backing.map((i) => guarded(i)),
    ]);
    const report: ReadinessReport = { status: 'ok', info: {}, error: {}, details: {} };
    for (const result of results) {
      for (const [key, value] of Object.entries(result)) {
        report.details[key] = value;
        if (value.status === 'up') report.info[key] = value;
        else report.error[key] = value;
      }
    }
    if (Object.keys(report.error).length > 0) report.status = 'error';
    return report;
  }
}

async function guarded(indicator: ReadinessIndicator): Promise<HealthIndicatorResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthIndicatorResult>((resolve) => {
    timer = setTimeout(() => resolve({ [indicator.key]: { status: 'down', message: `no answer within ${CHECK_TIMEOUT_MS} ms` } }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([indicator.check(), timeout]);
  } catch (err) {
    return { [indicator.key]: { status: 'down', message: err instanceof Error ? err.message : 'check failed' } };
  } finally {
    clearTimeout(timer);
  }
}

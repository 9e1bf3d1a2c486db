import type { HealthIndicatorResult } from '@nestjs/terminus';
import { GatewayConfigService } from '../config/gateway-config.service';
import type { LoadedConfig } from '../config/loaded-config';
import { GatewayHealthIndicator } from './gateway.health';
import { LifecycleState } from './lifecycle.state';
import type { ReadinessIndicator } from './readiness.indicators';
import { ReadinessRegistry } from './readiness.registry';
import { ReadinessService } from './readiness.service';

const indicator = (key: string, check: () => Promise<HealthIndicatorResult>): ReadinessIndicator => ({ key, check });

function setup(extra: ReadinessIndicator[] = []) {
  const lifecycle = new LifecycleState();
  const config = new GatewayConfigService({ file: 'c.yaml', deployments: [] } as unknown as LoadedConfig);
  const registry = new ReadinessRegistry();
  extra.forEach((i) => registry.register(i));
  return { lifecycle, service: new ReadinessService(new GatewayHealthIndicator(config, lifecycle), registry) };
}

describe('ReadinessService', () => {
  afterEach(() => jest.useRealTimers());

  it('is ok when the config is loaded, the gateway is not draining and every backing service is up', async () => {
    const { service } = setup([indicator('redis', async () => ({ redis: { status: 'up' } }))]);
    const report = await service.check();
    expect(report.status).toBe('ok');
    expect(Object.keys(report.info).sort()).toEqual(['config', 'lifecycle', 'redis']);
    expect(report.error).toEqual({});
  });

  it('is an error from the start of the drain', async () => {
    const { service, lifecycle } = setup();
    lifecycle.startDraining();
    const report = await service.check();
    expect(report.status).toBe('error');
    expect(report.error).toEqual({ lifecycle: { status: 'down', message: 'shutting down' } });
  });

  it('is an error when a backing service is down, throws or does not answer', async () => {
    jest.useFakeTimers();
    const { service } = setup([
      indicator('redis', async () => ({ redis: { status: 'down', degraded: true } })),
      indicator('sink', async () => {
        throw new Error('refused');
      }),
      indicator('slow', () => new Promise(() => undefined)),
    ]);
    const pending = service.check();
    await jest.advanceTimersByTimeAsync(2_000);
    const report = await pending;
    expect(report.status).toBe('error');
    expect(report.error).toEqual({
      redis: { status: 'down', degraded: true },
      sink: { status: 'down', message: 'refused' },
      slow: { status: 'down', message: 'no answer within 2000 ms' },
    });
    expect(Object.keys(report.details)).toHaveLength(5);
  });
});

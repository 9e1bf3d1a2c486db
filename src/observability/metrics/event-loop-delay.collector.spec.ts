import { Registry } from 'prom-client';
import { EventLoopDelayCollector } from './event-loop-delay.collector';

const SAMPLE = /^gateway_event_loop_delay_seconds\{quantile="(0\.5|0\.99|0\.999)"\} (\S+)$/gm;

describe('EventLoopDelayCollector', () => {
  let collector: EventLoopDelayCollector | undefined;
  afterEach(() => collector?.stop());

  it('exposes the delay quantiles and max as gauges in seconds', async () => {
    const registry = new Registry();
    collector = new EventLoopDelayCollector(registry);
    await new Promise((r) => setTimeout(r, 50));
    const text = await registry.metrics();
    expect(text).toContain('# TYPE gateway_event_loop_delay_seconds gauge');
    expect(text).toContain('# TYPE gateway_event_loop_delay_max_seconds gauge');
    const samples = [...text.matchAll(SAMPLE)];
    expect(samples.map((m) => m[1]).sort()).toEqual(['0.5', '0.99', '0.999']);
    for (const [, , value] of samples) {
      expect(Number.isFinite(Number(value))).toBe(true);
      expect(Number(value)).toBeGreaterThanOrEqual(0);
    }
    const max = Number(/^gateway_event_loop_delay_max_seconds (\S+)$/m.exec(text)?.[1]);
    expect(Number.isFinite(max)).toBe(true);
    expect(max).toBeGreaterThanOrEqual(Number(samples.find((m) => m[1] === '0.999')?.[2]));
  });
});

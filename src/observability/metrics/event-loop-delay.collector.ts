import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

/** Sampling period of the delay monitor (ms): fine enough to see a 1 ms stall, cheap enough to leave on. */
const RESOLUTION_MS = 10;
const QUANTILES = [0.5, 0.99, 0.999] as const;
const NS_PER_SECOND = 1e9;
const RESOLUTION_NS = RESOLUTION_MS * 1e6;

/** The monitor records each timer interval, resolution included: the delay is what exceeds it. */
const excessSeconds = (ns: number): number => Math.max(0, ns - RESOLUTION_NS) / NS_PER_SECOND;

/**
 * Event-loop delay from `perf_hooks.monitorEventLoopDelay`, exposed as
 * `gateway_event_loop_delay_seconds{quantile}` and
 * `gateway_event_loop_delay_max_seconds`. The window is the scrape interval:
 * each scrape reads the histogram and resets it, so every value describes the
 * time since the previous scrape (before any scrape: since start-up).
 */
export class EventLoopDelayCollector {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor(registry: Registry) {
    this.histogram.enable();
    const histogram = this.histogram;
    // Declared before the quantile gauge's collect runs, registered after it: one scrape reads both from the same window.
    const max = new Gauge({ name: 'gateway_event_loop_delay_max_seconds', help: 'Longest event-loop delay since the previous scrape', registers: [] });
    new Gauge({
      name: 'gateway_event_loop_delay_seconds',
      help: 'Event-loop delay quantiles since the previous scrape (reset at each scrape)',
      labelNames: ['quantile'] as const,
      registers: [registry],
      collect() {
        // With no sample yet the histogram reports NaN/huge values: show 0 until the monitor has a reading.
        const sampled = histogram.count > 0;
        for (const q of QUANTILES) this.set({ quantile: String(q) }, sampled ? excessSeconds(histogram.percentile(q * 100)) : 0);
        max.set(sampled ? excessSeconds(histogram.max) : 0);
        histogram.reset();
      },
    });
    registry.registerMetric(max);
  }

  stop(): void {
    this.histogram.disable();
  }
}

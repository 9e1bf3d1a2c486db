import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockUpstream } from '../../../test/support/mock-upstream.server';
import type { CallEvent } from '../events/call-event';
import { GatewayLoggerService } from '../logging/gateway-logger.service';
import { MetricsService } from '../metrics/metrics.service';
import { CapturedLines, configFrom } from '../testing/observability-test.helpers';
import { SinkDispatcherService } from './sink-dispatcher.service';

const ev = (id: string, metadata: Record<string, unknown> = {}) => ({ request_id: id, metadata, input: null }) as unknown as CallEvent;

describe('SinkDispatcherService', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dispatch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function make(yaml: string) {
    const config = configFrom(yaml);
    const metrics = new MetricsService(config);
    const out = new CapturedLines();
    const dispatcher = new SinkDispatcherService(config, metrics, new GatewayLoggerService(config, out));
    dispatcher.onModuleInit();
    return { dispatcher, metrics, out };
  }

  it('redacts events before any sink sees them, and flushes on shutdown', async () => {
    const path = join(dir, 'events.jsonl');
    const { dispatcher, out } = make(`model_list: []\nlogging: {sinks: [{type: file, path: ${path}}, {type: stdout}]}`);
    dispatcher.dispatch(ev('r1', { note: 'key sk-abcdefghijklmnopqrst', api_key: 'plain' }));
    await dispatcher.onApplicationShutdown();
    const text = readFileSync(path, 'utf8') + out.text.join('');
    expect(text).toContain('"request_id":"r1"');
    expect(text).not.toContain('sk-abcdefghijklmnopqrst');
    expect(text).not.toContain('plain');
  });

  it('names two sinks of one type apart', () => {
    const { dispatcher } = make(`model_list: []\nlogging: {sinks: [{type: stdout}, {type: stdout}, {type: stdout, name: audit}]}`);
    expect(dispatcher.stats().map((s) => s.name)).toEqual(['stdout', 'stdout#1', 'audit']);
  });

  it('drops the oldest events of a stalled webhook without blocking dispatch, counted in the metrics', async () => {
    const collector = new MockUpstream();
    await collector.start();
    collector.on('/hook', { stall: true });
    try {
      const { dispatcher, metrics } = make(
        `model_list: []\nlogging: {sinks: [{type: webhook, url: ${collector.url}/hook, timeout_ms: 60000, max_retries: 0, max_queue: 3, batch_size: 1}]}`,
      );
      for (let i = 0; i < 10; i++) dispatcher.dispatch(ev(`r${i}`)); // r0 in flight, 3 queued, 6 dropped
      expect(dispatcher.stats()[0].queued).toBe(3);
      expect(await metrics.render()).toContain('gateway_sink_events_dropped_total{sink="webhook"} 6');
      await collector.stop(); // the collector dies: the rest fails fast and shutdown ends
      await dispatcher.onApplicationShutdown();
    } finally {
      await collector.stop();
    }
  });

  it('does nothing without sinks', () => {
    const { dispatcher } = make('model_list: []');
    expect(() => dispatcher.dispatch(ev('r1'))).not.toThrow();
    expect(dispatcher.stats()).toEqual([]);
  });
});

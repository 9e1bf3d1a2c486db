import { SinkReadinessIndicator } from './sink-readiness.indicator';

describe('SinkReadinessIndicator', () => {
  it('is up with no required sinks, or when each one last delivered', async () => {
    expect((await new SinkReadinessIndicator(() => []).check()).sinks.status).toBe('up');
    const ok = new SinkReadinessIndicator(() => [{ name: 'webhook', healthy: true, queued: 0 }]);
    expect((await ok.check()).sinks.status).toBe('up');
  });

  it('is down, naming the sink, while a required sink’s last delivery failed', async () => {
    const result = await new SinkReadinessIndicator(() => [
      { name: 'webhook', healthy: false, queued: 3 },
      { name: 'langfuse', healthy: true, queued: 0 },
    ]).check();
    expect(result.sinks).toMatchObject({ status: 'down', message: 'last delivery failed: webhook' });
  });
});

import type { CallEvent } from '../events/call-event';
import type { EventSink } from './event-sink.interface';
import { SinkRunner, SinkRunnerObserver } from './sink-runner';

const ev = (id: number): CallEvent => ({ request_id: `r${id}` }) as CallEvent;
const ids = (batch: CallEvent[]) => batch.map((e) => e.request_id);

/** A sink whose sends resolve only when the test says so. */
class ControlledSink implements EventSink {
  readonly name = 'test';
  readonly batches: CallEvent[][] = [];
  private pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  closed = false;

  send(batch: CallEvent[]): Promise<void> {
    this.batches.push(batch);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  resolveNext(): void {
    this.pending.shift()?.resolve();
  }
  rejectNext(): void {
    this.pending.shift()?.reject(new Error('down'));
  }
}

function counters(): SinkRunnerObserver & { sent_: number; dropped_: number; failed_: number } {
  const c = {
    sent_: 0,
    dropped_: 0,
    failed_: 0,
    sent: (_s: string, n: number) => void (c.sent_ += n),
    dropped: (_s: string, n: number) => void (c.dropped_ += n),
    failed: (_s: string, n: number) => void (c.failed_ += n),
  };
  return c;
}

/** Lets the promise callbacks queued by a resolved send run. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('SinkRunner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends full batches at once, one send at a time, and the rest after the interval', async () => {
    const sink = new ControlledSink();
    const obs = counters();
    const runner = new SinkRunner(sink, { maxQueue: 100, batchSize: 3, flushIntervalMs: 1000 }, obs);
    for (let i = 1; i <= 7; i++) runner.enqueue(ev(i));

    expect(sink.batches.map(ids)).toEqual([['r1', 'r2', 'r3']]); // only one in flight
    sink.resolveNext();
    await settle();
    expect(sink.batches.map(ids)).toEqual([['r1', 'r2', 'r3'], ['r4', 'r5', 'r6']]);
    sink.resolveNext();
    await settle();
    expect(sink.batches).toHaveLength(2); // r7 waits for the interval
    await jest.advanceTimersByTimeAsync(999);
    expect(sink.batches).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(ids(sink.batches[2])).toEqual(['r7']);
    sink.resolveNext();
    await settle();
    expect(obs.sent_).toBe(7);
    expect(obs.dropped_).toBe(0);
  });

  it('drops the oldest events beyond max_queue while the sink stalls, and counts them', async () => {
    const sink = new ControlledSink();
    const obs = counters();
    const runner = new SinkRunner(sink, { maxQueue: 5, batchSize: 2, flushIntervalMs: 1000 }, obs);
    for (let i = 1; i <= 10; i++) runner.enqueue(ev(i));

    expect(sink.batches.map(ids)).toEqual([['r1', 'r2']]); // stuck
    expect(runner.queued).toBe(5);
    expect(obs.dropped_).toBe(3); // r3, r4, r5 went

    sink.resolveNext();
    await settle();
    expect(ids(sink.batches[1])).toEqual(['r6', 'r7']);
    sink.resolveNext();
    await settle();
    expect(ids(sink.batches[2])).toEqual(['r8', 'r9']);
    sink.resolveNext();
    await jest.advanceTimersByTimeAsync(1000);
    expect(ids(sink.batches[3])).toEqual(['r10']);
  });

  it('counts failed sends and keeps going', async () => {
    const sink = new ControlledSink();
    const obs = counters();
    const runner = new SinkRunner(sink, { maxQueue: 10, batchSize: 2, flushIntervalMs: 10 }, obs);
    runner.enqueue(ev(1));
    runner.enqueue(ev(2));
    runner.enqueue(ev(3));
    sink.rejectNext();
    await settle();
    await jest.advanceTimersByTimeAsync(10);
    sink.resolveNext();
    await settle();
    expect(obs.failed_).toBe(2);
    expect(obs.sent_).toBe(1);
  });

  it('never throws from enqueue, even when the sink throws synchronously', async () => {
    const obs = counters();
    const sink: EventSink = {
      name: 'bad',
      send: () => {
        throw new Error('sync boom');
      },
    };
    const runner = new SinkRunner(sink, { maxQueue: 10, batchSize: 1, flushIntervalMs: 10 }, obs);
    expect(() => runner.enqueue(ev(1))).not.toThrow();
    await settle();
    expect(obs.failed_).toBe(1);
  });

  it('flushes pending events on shutdown and closes the sink', async () => {
    const sink = new ControlledSink();
    const obs = counters();
    const runner = new SinkRunner(sink, { maxQueue: 100, batchSize: 2, flushIntervalMs: 60_000 }, obs);
    runner.enqueue(ev(1));
    expect(sink.batches).toHaveLength(0); // waiting for the interval
    const flushed = runner.flush(5000);
    await settle();
    expect(ids(sink.batches[0])).toEqual(['r1']);
    sink.resolveNext();
    await settle();
    await expect(flushed).resolves.toEqual({ dropped: 0 });
    expect(sink.closed).toBe(true);
    expect(obs.sent_).toBe(1);
  });

  it('gives up at the deadline when the sink stalls, counting what was left as dropped', async () => {
    const sink = new ControlledSink();
    const obs = counters();
    const runner = new SinkRunner(sink, { maxQueue: 100, batchSize: 2, flushIntervalMs: 1000 }, obs);
    for (let i = 1; i <= 5; i++) runner.enqueue(ev(i)); // r1,r2 in flight, 3 queued
    const flushed = runner.flush(5000);
    await jest.advanceTimersByTimeAsync(4999);
    let done = false;
    void flushed.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(flushed).resolves.toEqual({ dropped: 5 });
    expect(obs.dropped_).toBe(5);
    // The stuck send finishing later is not counted twice.
    sink.resolveNext();
    await settle();
    expect(obs.sent_).toBe(0);
    // After shutdown, new events are dropped.
    runner.enqueue(ev(6));
    expect(obs.dropped_).toBe(6);
  });
});

describe('SinkRunner byte bounds', () => {
  const big = (id: number): CallEvent => ({ request_id: `r${id}`, pad: 'x'.repeat(1000) }) as unknown as CallEvent;

  it('drops the oldest events when the queued bytes pass max_queue_bytes, and counts them', async () => {
    const sink = new ControlledSink();
    const c = counters();
    const runner = new SinkRunner(sink, { maxQueue: 1000, maxQueueBytes: 3500, batchSize: 100, maxBatchBytes: 1_000_000, flushIntervalMs: 60_000 }, c);
    for (let i = 0; i < 10; i++) runner.enqueue(big(i));
    expect(runner.queued).toBe(3);
    expect(c.dropped_).toBe(7);
    const flushing = runner.flush(1000);
    await new Promise((r) => setImmediate(r));
    sink.resolveNext();
    await flushing;
    expect(ids(sink.batches[0])).toEqual(['r7', 'r8', 'r9']);
  });

  it('cuts batches at max_batch_bytes', async () => {
    const sink = new ControlledSink();
    const runner = new SinkRunner(sink, { maxQueue: 1000, batchSize: 100, maxBatchBytes: 2500, flushIntervalMs: 60_000 }, counters());
    for (let i = 0; i < 5; i++) runner.enqueue(big(i));
    expect(sink.batches.map(ids)).toEqual([['r0', 'r1']]); // sent at once: the queue holds a full batch of bytes
    sink.resolveNext();
    await new Promise((r) => setImmediate(r));
    expect(sink.batches.map(ids)[1]).toEqual(['r2', 'r3']);
  });
});

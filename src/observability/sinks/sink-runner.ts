import type { CallEvent } from '../events/call-event';
import { eventJson } from '../events/event-json';
import { BoundedQueue } from './bounded-queue';
import type { EventSink } from './event-sink.interface';

/** Defaults of `max_queue_bytes` and `max_batch_bytes`. */
export const DEFAULT_MAX_QUEUE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

export interface SinkQueueSettings {
  /** Events held while the sink is slow; beyond this the oldest are dropped. */
  maxQueue: number;
  /** Bytes (of event JSON) held for the sink; beyond this the oldest are dropped. */
  maxQueueBytes?: number;
  /** Most events per `send`. A full batch is sent at once, a partial one after `flushIntervalMs`. */
  batchSize: number;
  /** Most bytes of event JSON per `send` (a single larger event still goes alone). */
  maxBatchBytes?: number;
  flushIntervalMs: number;
}

/** Where the runner reports what happened to events (the metrics, in the app). */
export interface SinkRunnerObserver {
  sent(sink: string, count: number): void;
  dropped(sink: string, count: number): void;
  failed(sink: string, count: number, error: unknown): void;
}

interface Queued {
  event: CallEvent;
  bytes: number;
}

export interface FlushResult {
  /** Events still queued (or in a send that did not finish) when the deadline passed: dropped. */
  dropped: number;
}

/**
 * Runs one sink off the request path: `enqueue` only pushes onto a bounded
 * queue and arms a timer; batches go out one `send` at a time. A slow or dead
 * sink therefore costs a bounded queue and dropped (counted) events, never
 * latency or memory.
 */
export class SinkRunner {
  private readonly queue: BoundedQueue<Queued>;
  private queuedBytes = 0;
  private readonly maxQueueBytes: number;
  private readonly maxBatchBytes: number;
  private inFlight?: Promise<void>;
  private inFlightBatch?: CallEvent[];
  /** A batch whose send outlived the shutdown deadline: counted as dropped, so not reported again. */
  private abandonedBatch?: CallEvent[];
  private timer?: NodeJS.Timeout;
  private closed = false;
  private lastDeliveryFailed = false;

  constructor(
    readonly sink: EventSink,
    private readonly settings: SinkQueueSettings,
    private readonly observer: SinkRunnerObserver,
  ) {
    this.queue = new BoundedQueue<Queued>(settings.maxQueue);
    this.maxQueueBytes = settings.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES;
    this.maxBatchBytes = settings.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  }

  get name(): string {
    return this.sink.name;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** False while the most recent delivery failed; true again after one succeeds. */
  get healthy(): boolean {
    return !this.lastDeliveryFailed;
  }

  /** Never throws, never waits. */
  enqueue(event: CallEvent): void {
    if (this.closed) {
      this.observer.dropped(this.name, 1);
      return;
    }
    // The JSON the file, webhook and stdout sinks write anyway (cached): its length is the event's size.
    const bytes = eventJson(event).length;
    let dropped = 0;
    while (this.queue.length > 0 && this.queuedBytes + bytes > this.maxQueueBytes) {
      this.queuedBytes -= this.queue.take(1)[0].bytes;
      dropped++;
    }
    if (this.queue.push({ event, bytes })) {
      dropped++;
      this.queuedBytes = this.recount();
    } else {
      this.queuedBytes += bytes;
    }
    if (dropped > 0) this.observer.dropped(this.name, dropped);
    this.schedule();
  }

  /**
   * Sends what is queued until the queue is empty or `deadlineMs` has passed,
   * then drops (and counts) the rest and closes the sink. Later events are dropped.
   */
  async flush(deadlineMs: number): Promise<FlushResult> {
    this.closed = true;
    this.clearTimer();
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (deadline = setTimeout(() => resolve('timeout'), deadlineMs)));
    const outcome = await Promise.race([this.drain().then(() => 'drained' as const), timedOut]);
    clearTimeout(deadline);
    let dropped = this.queue.clear();
    this.queuedBytes = 0;
    if (outcome === 'timeout' && this.inFlightBatch) {
      this.abandonedBatch = this.inFlightBatch;
      dropped += this.inFlightBatch.length;
    }
    if (dropped > 0) this.observer.dropped(this.name, dropped);
    if (outcome === 'drained') await this.closeSink();
    else void this.closeSink(); // a stalled sink must not hold up shutdown
    return { dropped };
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.inFlight) await this.inFlight;
      if (this.queue.length === 0) return;
      this.startSend();
    }
  }

  private schedule(): void {
    if (this.inFlight || this.closed) return; // the send loop looks again when the send ends
    if (this.queue.length >= this.settings.batchSize || this.queuedBytes >= this.maxBatchBytes) {
      this.clearTimer();
      this.startSend();
    } else if (!this.timer && this.queue.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.inFlight) this.startSend();
      }, this.settings.flushIntervalMs);
      this.timer.unref?.(); // pending events alone must not keep the process alive; shutdown flushes them
    }
  }

  private startSend(): void {
    const batch: CallEvent[] = [];
    let bytes = 0;
    for (let next = this.queue.peek(); next && batch.length < this.settings.batchSize; next = this.queue.peek()) {
      if (batch.length > 0 && bytes + next.bytes > this.maxBatchBytes) break;
      this.queue.take(1);
      this.queuedBytes -= next.bytes;
      bytes += next.bytes;
      batch.push(next.event);
    }
    if (batch.length === 0) return;
    this.inFlightBatch = batch;
    this.inFlight = this.send(batch).finally(() => {
      this.inFlight = undefined;
      this.inFlightBatch = undefined;
      this.schedule();
    });
  }

  private async send(batch: CallEvent[]): Promise<void> {
    try {
      await this.sink.send(batch);
      this.lastDeliveryFailed = false;
      if (batch !== this.abandonedBatch) this.observer.sent(this.name, batch.length);
    } catch (err) {
      this.lastDeliveryFailed = true;
      if (batch !== this.abandonedBatch) this.observer.failed(this.name, batch.length, err);
    }
  }

  private async closeSink(): Promise<void> {
    try {
      await this.sink.close?.();
    } catch (err) {
      this.observer.failed(this.name, 0, err);
    }
  }

  /** Bytes still queued, summed again after the ring buffer dropped its oldest. */
  private recount(): number {
    const all = this.queue.take(this.queue.length);
    let total = 0;
    for (const q of all) {
      total += q.bytes;
      this.queue.push(q);
    }
    return total;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

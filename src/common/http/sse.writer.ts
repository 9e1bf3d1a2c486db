import type { Socket } from 'node:net';
import type { Response } from 'express';
import type { GatewayError } from '../errors';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Proxies such as nginx must not buffer a stream.
  'x-accel-buffering': 'no',
};

/**
 * Writes server-sent events to a client with back-pressure: `write` waits for
 * `drain` when the socket's buffer is full, so a slow client slows the
 * upstream read rather than growing memory.
 *
 * The headers leave with the first event, at once; later events written in
 * the same tick (the chunks parsed from one upstream read) leave together on
 * the next tick, in one packet. Chunks that arrive apart are not delayed.
 */
export class SseWriter {
  private started = false;
  private sentFirst = false;
  /** The socket this writer holds corked, if any. */
  private corked?: Socket;

  constructor(private readonly res: Response) {}

  get isOpen(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  start(headers: Record<string, string> = {}): void {
    if (this.started) return;
    this.started = true;
    this.batch();
    this.res.writeHead(200, { ...SSE_HEADERS, ...headers });
    this.res.flushHeaders();
  }

  /** One `data:` event; with `event`, preceded by its `event:` line (the Responses stream names every event). */
  async write(data: unknown, event?: string): Promise<void> {
    if (!this.isOpen) return;
    this.batch();
    const ok = this.res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    if (!this.sentFirst) {
      this.sentFirst = true;
      this.flush(); // time to first byte: the headers and this event go now
    }
    if (!ok && this.isOpen) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
  }

  /** Holds this tick's writes in the socket until the next tick: one syscall for all of them. */
  private batch(): void {
    const socket = this.res.socket;
    if (this.corked || !socket || socket.destroyed) return;
    this.corked = socket;
    socket.cork();
    process.nextTick(() => this.flush());
  }

  private flush(): void {
    const socket = this.corked;
    this.corked = undefined;
    socket?.uncork();
  }

  /** Ends the stream the OpenAI way. */
  end(): void {
    if (!this.isOpen) return;
    this.res.end('data: [DONE]\n\n');
  }

  /** Ends a stream that has no `[DONE]` (the Responses stream ends with its last event). */
  close(): void {
    if (this.isOpen) this.res.end();
  }

  /** After the first chunk an error can only be an event: one, then the end. */
  fail(error: GatewayError): void {
    writeSseError(this.res, error);
  }
}

export function writeSseError(res: Response, error: GatewayError): void {
  endSseWith(res, error.toBody());
}

/** The last event of a stream, then its end; with `event`, preceded by its `event:` line (Anthropic's `event: error`). */
export function endSseWith(res: Response, data: unknown, event?: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.end(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
}

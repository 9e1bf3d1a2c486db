import type { CallEvent } from '../events/call-event';

/**
 * A destination for call events. `send` gets a batch (already redacted) and
 * resolves when it is delivered or rejects when it could not be; the sink
 * runner calls it at most once at a time, never on the request path.
 */
export interface EventSink {
  readonly name: string;
  send(batch: CallEvent[]): Promise<void>;
  /** Releases files or connections on shutdown, after the last send. */
  close?(): Promise<void>;
}

import type { CallEvent } from '../events/call-event';
import { eventJson } from '../events/event-json';
import type { EventSink } from './event-sink.interface';

/**
 * Events as JSON lines on stdout. It writes through the structured logger's
 * asynchronous destination (not `process.stdout`), so event lines and log
 * lines never interleave mid-line and writing never blocks.
 */
export class StdoutSink implements EventSink {
  constructor(
    readonly name: string,
    private readonly write: (text: string) => void,
  ) {}

  async send(batch: CallEvent[]): Promise<void> {
    let text = '';
    for (const event of batch) text += eventJson(event) + '\n';
    this.write(text);
  }
}

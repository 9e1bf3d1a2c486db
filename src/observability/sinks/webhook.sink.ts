import type { WebhookSinkSchema } from '../../config/schema/logging-settings.schema';
import type { CallEvent } from '../events/call-event';
import { eventJson } from '../events/event-json';
import type { EventSink } from './event-sink.interface';
import { HttpBatchPoster } from './http-batch.poster';

/** POSTs `{"events": [...]}` to the team's collector with its headers; retries on 5xx and network errors. */
export class WebhookSink implements EventSink {
  private readonly poster: HttpBatchPoster;

  constructor(
    readonly name: string,
    config: WebhookSinkSchema,
    retryBaseMs?: number,
  ) {
    this.poster = new HttpBatchPoster({
      url: config.url,
      headers: config.headers,
      timeoutMs: config.timeout_ms ?? 5000,
      maxRetries: config.max_retries ?? 3,
      retryBaseMs,
    });
  }

  async send(batch: CallEvent[]): Promise<void> {
    await this.poster.post(`{"events":[${batch.map(eventJson).join(',')}]}`);
  }
}

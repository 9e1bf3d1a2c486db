import type { LangfuseSinkSchema } from '../../config/schema/logging-settings.schema';
import type { CallEvent } from '../events/call-event';
import type { EventSink } from './event-sink.interface';
import { HttpBatchPoster } from './http-batch.poster';
import { LangfuseIdSource, toLangfuseEvents } from './langfuse.mapper';
import { SinkDeliveryError } from './sink-delivery.error';

export const LANGFUSE_DEFAULT_HOST = 'https://cloud.langfuse.com';

/**
 * Sends batches to Langfuse's ingestion API with basic auth (public key :
 * secret key). Langfuse answers 207 with per-event errors; any error there
 * fails the batch (it is not retried: the same events would fail again).
 */
export class LangfuseSink implements EventSink {
  private readonly poster: HttpBatchPoster;

  constructor(
    readonly name: string,
    config: LangfuseSinkSchema,
    private readonly ids?: LangfuseIdSource,
    retryBaseMs?: number,
  ) {
    const host = (config.host || LANGFUSE_DEFAULT_HOST).replace(/\/+$/, '');
    const auth = Buffer.from(`${config.public_key}:${config.secret_key}`).toString('base64');
    this.poster = new HttpBatchPoster({
      url: `${host}/api/public/ingestion`,
      headers: { authorization: `Basic ${auth}` },
      timeoutMs: config.timeout_ms ?? 10_000,
      maxRetries: config.max_retries ?? 3,
      retryBaseMs,
    });
  }

  async send(batch: CallEvent[]): Promise<void> {
    const body = { batch: batch.flatMap((event) => toLangfuseEvents(event, this.ids)) };
    const answer = await this.poster.post(JSON.stringify(body));
    const rejected = rejectedCount(answer.body);
    if (rejected > 0) throw new SinkDeliveryError(`langfuse rejected ${rejected} of ${body.batch.length} ingestion events`, answer.status);
  }
}

function rejectedCount(text: string): number {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? parsed.errors.length : 0;
  } catch {
    return 0;
  }
}

import type {
  FileSinkSchema,
  LangfuseSinkSchema,
  SinkSchema,
  SinkType,
  StdoutSinkSchema,
  WebhookSinkSchema,
} from '../../config/schema/logging-settings.schema';
import type { EventSink } from './event-sink.interface';
import { FileSink } from './file.sink';
import { LangfuseSink } from './langfuse.sink';
import type { SinkQueueSettings } from './sink-runner';
import { StdoutSink } from './stdout.sink';
import { WebhookSink } from './webhook.sink';

/** What a sink may need from the app beyond its own config. */
export interface SinkContext {
  /** The sink's label in metrics and logs. */
  name: string;
  /** Writes text to the structured logger's stdout destination. */
  writeStdout(text: string): void;
}

interface SinkSchemas {
  stdout: StdoutSinkSchema;
  file: FileSinkSchema;
  webhook: WebhookSinkSchema;
  langfuse: LangfuseSinkSchema;
}

interface SinkEntry<S> {
  /** Queue settings when the config gives none: local sinks write often, remote ones batch. */
  defaults: SinkQueueSettings;
  create(config: S, context: SinkContext): EventSink;
}

const LOCAL = { maxQueue: 1000, batchSize: 100, flushIntervalMs: 200 };
const REMOTE = { maxQueue: 1000, batchSize: 50, flushIntervalMs: 1000 };

/** Every sink type, one line each: adding a sink is a file and a line here (and its schema). */
export const SINK_REGISTRY: { [K in SinkType]: SinkEntry<K extends keyof SinkSchemas ? SinkSchemas[K] : never> } = {
  stdout: { defaults: LOCAL, create: (_c, ctx) => new StdoutSink(ctx.name, ctx.writeStdout) },
  file: { defaults: LOCAL, create: (c, ctx) => new FileSink(ctx.name, c) },
  webhook: { defaults: REMOTE, create: (c, ctx) => new WebhookSink(ctx.name, c) },
  langfuse: { defaults: REMOTE, create: (c, ctx) => new LangfuseSink(ctx.name, c) },
};

/** Builds the sink a config entry describes, with its queue settings. */
export function createSink(config: SinkSchema, context: SinkContext): { sink: EventSink; settings: SinkQueueSettings } {
  const entry = SINK_REGISTRY[config.type] as SinkEntry<SinkSchema>;
  const settings: SinkQueueSettings = {
    maxQueue: config.max_queue ?? entry.defaults.maxQueue,
    maxQueueBytes: config.max_queue_bytes,
    batchSize: config.batch_size ?? entry.defaults.batchSize,
    maxBatchBytes: config.max_batch_bytes,
    flushIntervalMs: config.flush_interval_ms ?? entry.defaults.flushIntervalMs,
  };
  return { sink: entry.create(config, context), settings };
}

export type { EventSink } from './event-sink.interface';

import { IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { expected, IsStringRecord } from './validators';

export const SINK_TYPES = ['stdout', 'file', 'webhook', 'langfuse'] as const;
export type SinkType = (typeof SINK_TYPES)[number];

/** Settings every sink takes: its bounded queue and batching. */
export class BaseSinkSchema {
  @IsDefined(expected.required)
  @IsIn(SINK_TYPES, { message: `expected one of ${SINK_TYPES.join(', ')}` })
  type!: SinkType;

  /** A label for metrics and logs (default: the type); lets two sinks of one type be told apart. */
  @IsOptional() @IsString(expected.string) name?: string;

  /** Events held for a slow sink before the oldest are dropped. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_queue?: number;
  /** Bytes of event JSON held for a slow sink (default 32 MiB) before the oldest are dropped. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_queue_bytes?: number;
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) batch_size?: number;
  /** Bytes of event JSON in one batch (default 1 MiB). */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_batch_bytes?: number;
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) flush_interval_ms?: number;
  /** A sink that must be up: readiness fails while its last delivery failed (SPEC 2). */
  @IsOptional() @IsBoolean(expected.boolean) required?: boolean;

  [key: string]: unknown;
}

export class StdoutSinkSchema extends BaseSinkSchema {}

export class FileSinkSchema extends BaseSinkSchema {
  @IsDefined(expected.required) @IsString(expected.string) path!: string;
  /** Rotate when the file passes this size. */
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_bytes?: number;
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) max_files?: number;
}

export class WebhookSinkSchema extends BaseSinkSchema {
  @IsDefined(expected.required) @IsString(expected.string) url!: string;
  @IsOptional() @IsStringRecord() headers?: Record<string, string>;
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) timeout_ms?: number;
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) max_retries?: number;
}

export class LangfuseSinkSchema extends BaseSinkSchema {
  @IsOptional() @IsString(expected.string) host?: string;
  @IsDefined({ message: 'is required (or set LANGFUSE_PUBLIC_KEY)' }) @IsString(expected.string) public_key!: string;
  @IsDefined({ message: 'is required (or set LANGFUSE_SECRET_KEY)' }) @IsString(expected.string) secret_key!: string;
  @IsOptional() @IsInt(expected.integer) @Min(1, expected.positive) timeout_ms?: number;
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) max_retries?: number;
}

export const SINK_SCHEMAS: Record<SinkType, new () => BaseSinkSchema> = {
  stdout: StdoutSinkSchema,
  file: FileSinkSchema,
  webhook: WebhookSinkSchema,
  langfuse: LangfuseSinkSchema,
};

export type SinkSchema = StdoutSinkSchema | FileSinkSchema | WebhookSinkSchema | LangfuseSinkSchema;

/** The top-level `logging:` section. Sinks are validated one by one, by their `type`. */
export class LoggingSettingsSchema {
  @IsOptional() @IsBoolean(expected.boolean) redact_content?: boolean;
  @IsOptional() @IsArray(expected.list) sinks?: SinkSchema[];
  /** Longest string a sink event keeps, in characters (default 16384); longer ones are cut and the event marked `truncated`. */
  @IsOptional() @IsInt(expected.integer) @Min(256, { message: 'expected at least 256' }) max_event_string_length?: number;
  /** Log level for the gateway's own logs (also LOG_LEVEL). */
  @IsOptional() @IsString(expected.string) level?: string;
}

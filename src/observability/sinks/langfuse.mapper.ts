import { randomUUID } from 'node:crypto';
import type { CallEvent } from '../events/call-event';
import type { LangfuseGenerationBody, LangfuseIngestionEvent, LangfuseTraceBody } from './langfuse.types';

export interface LangfuseIdSource {
  /** A fresh unique id (ingestion event ids, and trace/generation ids the caller did not give). */
  newId(): string;
}

const randomIds: LangfuseIdSource = { newId: () => randomUUID() };

/** Metadata keys that become Langfuse fields rather than generation metadata. */
const LIFTED_KEYS = new Set(['generation_name', 'generation_id', 'trace_id', 'trace_user_id', 'session_id', 'tags', 'trace_name', 'trace_metadata']);

const nonEmptyString = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : undefined);
const plainObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * One call event → a `trace-create` and a `generation-create` (SPEC 9).
 * Ids come from the caller's `trace_id` / `generation_id`; when absent they
 * are made up here, once, so a retried batch keeps the same ids.
 */
export function toLangfuseEvents(event: CallEvent, ids: LangfuseIdSource = randomIds): LangfuseIngestionEvent[] {
  const meta = event.metadata;
  // The content goes on the generation only: copying it onto the trace too would double the payload.
  const traceId = nonEmptyString(meta.trace_id) ?? ids.newId();
  const generationId = nonEmptyString(meta.generation_id) ?? ids.newId();
  const startTime = event.timestamp;
  const endTime = addMs(startTime, event.response_ms);
  const generationName = nonEmptyString(meta.generation_name) ?? event.route ?? 'llm-call';
  const hasContent = 'input' in event;

  const trace: LangfuseTraceBody = {
    id: traceId,
    timestamp: startTime,
    name: nonEmptyString(meta.trace_name) ?? generationName,
    userId: nonEmptyString(meta.trace_user_id),
    sessionId: nonEmptyString(meta.session_id),
    tags: stringList(meta.tags),
    metadata: plainObject(meta.trace_metadata),
  };

  const generation: LangfuseGenerationBody = {
    id: generationId,
    traceId,
    name: generationName,
    startTime,
    endTime,
    completionStartTime: event.time_to_first_token_ms === null ? undefined : addMs(startTime, event.time_to_first_token_ms),
    model: event.upstream_model ?? event.model ?? undefined,
    level: event.status === 'failure' ? 'ERROR' : 'DEFAULT',
    statusMessage: event.error ? `${event.error.type}: ${event.error.message}` : undefined,
    metadata: generationMetadata(event),
  };
  if (hasContent) {
    generation.input = event.input;
    generation.output = event.output;
  }
  if (event.usage) {
    const input = event.usage.prompt_tokens ?? 0;
    const output = event.usage.completion_tokens ?? 0;
    const total = event.usage.total_tokens ?? input + output;
    generation.usage = { input, output, total, unit: 'TOKENS' };
    generation.usageDetails = { input, output, total };
  }

  return [
    { id: ids.newId(), timestamp: endTime, type: 'trace-create', body: trace },
    { id: ids.newId(), timestamp: endTime, type: 'generation-create', body: generation },
  ];
}

/** The caller's other metadata keys, plus what the gateway knows about the call. */
function generationMetadata(event: CallEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.metadata)) if (!LIFTED_KEYS.has(key)) out[key] = value;
  Object.assign(out, {
    request_id: event.request_id,
    route: event.route,
    model_group: event.model,
    deployment_id: event.deployment_id,
    provider: event.provider,
    http_status: event.http_status,
    attempts: event.attempts,
    fallback_from: event.fallback_from,
    stream: event.stream,
  });
  if (event.key_alias) out.key_alias = event.key_alias;
  if (event.error) out.error = event.error;
  return out;
}

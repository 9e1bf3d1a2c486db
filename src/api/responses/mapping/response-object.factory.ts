import type { Usage } from '../../../common/openai/openai.types';
import type { ResponseObject, ResponseOutputItem, ResponseRequest, ResponseStatus, ResponseUsage } from '../responses.types';

/** What one gateway-made response is: its id and time, the request it answers. */
export interface ResponseContext {
  id: string;
  /** Seconds since the epoch. */
  createdAt: number;
  request: ResponseRequest;
}

/** The `response` object for a request, before and after the model answered (OpenAI echoes the request's settings). */
export function responseObject(
  ctx: ResponseContext,
  status: ResponseStatus,
  output: ResponseOutputItem[] = [],
  usage: ResponseUsage | null = null,
  extra: Partial<ResponseObject> = {},
): ResponseObject {
  const r = ctx.request;
  return {
    id: ctx.id,
    object: 'response',
    created_at: ctx.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    model: r.model,
    output,
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    previous_response_id: r.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: r.store ?? true,
    temperature: r.temperature ?? 1,
    text: { format: r.text?.format ?? { type: 'text' } },
    tool_choice: r.tool_choice ?? 'auto',
    tools: (r.tools ?? []).map((t) => (t.type === 'function' ? { description: null, parameters: null, strict: true, ...t } : t)),
    top_p: r.top_p ?? 1,
    truncation: 'disabled',
    usage,
    user: r.user ?? null,
    metadata: r.metadata ?? {},
    ...extra,
  };
}

/** Chat usage in the Responses shape. */
export function toResponseUsage(usage: Usage | undefined | null): ResponseUsage | null {
  if (!usage) return null;
  const cached = (usage.prompt_tokens_details as { cached_tokens?: number } | undefined)?.cached_tokens ?? 0;
  const reasoning = (usage.completion_tokens_details as { reasoning_tokens?: number } | undefined)?.reasoning_tokens ?? 0;
  return {
    input_tokens: usage.prompt_tokens ?? 0,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: usage.completion_tokens ?? 0,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
  };
}

/** Responses usage in the chat shape the call record, metrics and sinks read. */
export function toChatUsage(usage: ResponseUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  return { prompt_tokens: usage.input_tokens, completion_tokens: usage.output_tokens, total_tokens: usage.total_tokens };
}

/** A chat finish reason as the response's status and `incomplete_details`. */
export function statusOf(finishReason: string | null | undefined): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  if (finishReason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

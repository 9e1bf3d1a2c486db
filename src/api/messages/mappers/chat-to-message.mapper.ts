import type { ChatCompletion, FinishReason, Usage } from '../../../common/openai/openai.types';
import type { MessageContentBlock, MessageObject, MessageStopReason, MessageUsage } from '../messages.types';

/** What the answer says about itself: its id and the model name the client asked for. */
export interface MessageContext {
  id: string;
  model: string;
}

const STOP_REASONS: Readonly<Record<string, MessageStopReason>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/** OpenAI's `finish_reason` to Anthropic's `stop_reason` (a chat API cannot tell a stop sequence from the end of the turn). */
export function toStopReason(reason: FinishReason | undefined): MessageStopReason {
  return (reason && STOP_REASONS[reason]) || 'end_turn';
}

/** OpenAI usage to Anthropic's: its input tokens exclude those read from the cache, which are counted apart. */
export function toMessageUsage(usage: Usage | undefined | null): MessageUsage {
  const cached = Number((usage?.prompt_tokens_details as { cached_tokens?: number } | undefined)?.cached_tokens ?? 0) || 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** Anthropic usage back to the gateway's (OpenAI) usage, for spend, limits and the sinks. */
export function toChatUsage(usage: Partial<MessageUsage> | undefined): Usage | undefined {
  if (!usage) return undefined;
  const cacheRead = Number(usage.cache_read_input_tokens ?? 0) || 0;
  const prompt = (usage.input_tokens ?? 0) + cacheRead + (Number(usage.cache_creation_input_tokens ?? 0) || 0);
  const completion = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(cacheRead > 0 ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}

/** A tool call's arguments (a JSON string) as the object Anthropic's `input` is; unparsable text is kept whole. */
export function toolInput(args: string | undefined): unknown {
  if (!args || !args.trim()) return {};
  try {
    return JSON.parse(args);
  } catch {
    return { arguments: args };
  }
}

/** A chat completion to a Messages answer: text first, then one `tool_use` block a tool call. */
export function chatToMessage(completion: ChatCompletion, ctx: MessageContext): MessageObject {
  const choice = completion.choices?.[0];
  const content: MessageContentBlock[] = [];
  const text = choice?.message?.content;
  if (typeof text === 'string' && text !== '') content.push({ type: 'text', text });
  for (const call of choice?.message?.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: toolInput(call.function.arguments) });
  }
  return {
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content,
    stop_reason: toStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toMessageUsage(completion.usage),
  };
}

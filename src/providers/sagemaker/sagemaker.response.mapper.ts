import { randomUUID } from 'node:crypto';
import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../../common/openai/openai.types';
import { BadGatewayError } from '../../common/errors';
import type { TgiChatCompletion, TgiFinishReason, TgiOutputToolCall, TgiUsage } from './sagemaker.types';

const PROVIDER = 'sagemaker';

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  eos_token: 'stop',
  stop_sequence: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
};

/**
 * TGI's finish reason to OpenAI's. TGI reports the end of a tool call as a
 * plain stop (the grammar ended), so a reply that carries tool calls finishes
 * with `tool_calls`, as OpenAI's does. An unknown reason is a plain stop.
 */
export function mapFinishReason(reason: TgiFinishReason | null | undefined, hasToolCalls: boolean): FinishReason {
  const mapped = reason ? (FINISH_REASONS[reason] ?? 'stop') : 'stop';
  return hasToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}

export function mapUsage(usage: TgiUsage | null | undefined): Usage {
  const prompt = usage?.prompt_tokens ?? 0;
  const completion = usage?.completion_tokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: usage?.total_tokens ?? prompt + completion };
}

/** TGI 2.0 sent `arguments` as an object, later versions as the JSON string OpenAI uses. */
export function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  return JSON.stringify(args ?? {});
}

function toToolCall(call: TgiOutputToolCall, index: number): ToolCall {
  const name = call.function?.name;
  if (!name) throw new BadGatewayError(`${PROVIDER} answered with a tool call that has no function name`, { provider: PROVIDER });
  return { id: call.id || `call_${index}`, type: 'function', function: { name, arguments: argumentsText(call.function?.arguments) } };
}

/** A TGI chat completion (already OpenAI-shaped) normalised to the gateway's. */
export function fromTgiChatCompletion(res: TgiChatCompletion, model: string, now = Date.now()): ChatCompletion {
  const choice = Array.isArray(res.choices) ? res.choices[0] : undefined;
  if (!choice?.message) throw new BadGatewayError(`${PROVIDER} answered without choices[0].message (the endpoint must serve TGI ≥ 1.4's Messages API)`, { provider: PROVIDER });
  const toolCalls = (choice.message.tool_calls ?? []).map(toToolCall);
  const content = typeof choice.message.content === 'string' ? choice.message.content : null;
  const message: ChatCompletion['choices'][number]['message'] = { role: 'assistant', content: content ?? (toolCalls.length ? null : '') };
  if (toolCalls.length) message.tool_calls = toolCalls;
  return {
    id: res.id || `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: res.created ?? Math.floor(now / 1000),
    model,
    system_fingerprint: res.system_fingerprint ?? null,
    choices: [{ index: 0, message, logprobs: choice.logprobs ?? null, finish_reason: mapFinishReason(choice.finish_reason, toolCalls.length > 0) }],
    usage: mapUsage(res.usage),
  };
}

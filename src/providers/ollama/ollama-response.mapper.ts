import { randomUUID } from 'node:crypto';
import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../../common/openai/openai.types';
import { nowSeconds } from '../shared/chat-chunk.factory';
import type { OllamaChatResponse, OllamaToolCall } from './ollama.types';

/** Ollama's `done_reason` to OpenAI's; tool calls, which Ollama reports as a plain stop, win. */
export function mapOllamaDoneReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool_calls';
  return reason === 'length' ? 'length' : 'stop';
}

export function mapOllamaUsage(res: Pick<OllamaChatResponse, 'prompt_eval_count' | 'eval_count'>): Usage {
  const prompt = res.prompt_eval_count ?? 0;
  const completion = res.eval_count ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Ollama gives arguments as an object and (in older versions) no id; OpenAI wants a JSON string and an id. */
export function toOpenAIToolCall(call: OllamaToolCall): ToolCall {
  const args = call.function.arguments;
  return {
    id: call.id || newToolCallId(),
    type: 'function',
    function: { name: call.function.name, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
  };
}

export function newToolCallId(): string {
  return `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** Ollama's `created_at` (RFC 3339) in OpenAI's epoch seconds. */
export function createdSeconds(createdAt: string | undefined): number {
  const ms = createdAt ? Date.parse(createdAt) : NaN;
  return Number.isNaN(ms) ? nowSeconds() : Math.floor(ms / 1000);
}

/** A whole (non-streamed) Ollama reply to an OpenAI chat completion. */
export function fromOllamaResponse(res: OllamaChatResponse): ChatCompletion {
  const toolCalls = (res.message?.tool_calls ?? []).map(toOpenAIToolCall);
  const content = res.message?.content ?? '';
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: createdSeconds(res.created_at),
    model: res.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: content || (toolCalls.length ? null : ''),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapOllamaDoneReason(res.done_reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: mapOllamaUsage(res),
  };
}

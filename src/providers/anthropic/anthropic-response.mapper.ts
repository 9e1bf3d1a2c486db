import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../../common/openai/openai.types';
import { nowSeconds } from '../shared/chat-chunk.factory';
import { JSON_TOOL_NAME } from './anthropic-request.mapper';
import type { AnthropicResponse, AnthropicStopReason, AnthropicUsage } from './anthropic.types';

const STOP_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic's `stop_reason` to OpenAI's `finish_reason`; in JSON mode the forced tool call is the answer. */
export function mapAnthropicStopReason(reason: AnthropicStopReason | null | undefined, jsonMode = false): FinishReason {
  if (reason == null) return null;
  if (jsonMode && reason === 'tool_use') return 'stop';
  return STOP_REASONS[reason] ?? 'stop';
}

/**
 * Anthropic's input tokens exclude those read from or written to the prompt
 * cache; OpenAI's prompt tokens include cached ones, so they are added back.
 */
export function mapAnthropicUsage(usage: AnthropicUsage | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  const prompt = (usage?.input_tokens ?? 0) + cacheRead + cacheWrite;
  const completion = usage?.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(cacheRead > 0 ? { prompt_tokens_details: { cached_tokens: cacheRead } } : {}),
  };
}

/** A whole Anthropic message to an OpenAI chat completion. */
export function fromAnthropicResponse(res: AnthropicResponse, jsonMode = false): ChatCompletion {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of res.content ?? []) {
    if (block.type === 'text') texts.push(String(block.text ?? ''));
    else if (block.type === 'tool_use') {
      const input = JSON.stringify(block.input ?? {});
      if (jsonMode && block.name === JSON_TOOL_NAME) texts.push(input);
      else toolCalls.push({ id: String(block.id), type: 'function', function: { name: String(block.name), arguments: input } });
    }
    // thinking and server-tool blocks have no place in an OpenAI message.
  }
  return {
    id: res.id,
    object: 'chat.completion',
    created: nowSeconds(),
    model: res.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapAnthropicStopReason(res.stop_reason, jsonMode) ?? 'stop',
        logprobs: null,
      },
    ],
    usage: mapAnthropicUsage(res.usage),
  };
}

import { randomUUID } from 'node:crypto';
import type { ChatCompletion, FinishReason, ToolCall, Usage } from '../../common/openai/openai.types';
import { BadGatewayError } from '../../common/errors';
import type { BedrockStopReason, BedrockUsage, ConverseResponse } from './bedrock.types';

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

/** Converse `stopReason` to OpenAI `finish_reason`; an unknown reason is a plain stop. */
export function mapStopReason(reason: BedrockStopReason | undefined): FinishReason {
  if (reason === undefined) return null;
  return STOP_REASONS[reason] ?? 'stop';
}

export function mapUsage(usage: BedrockUsage | undefined): Usage {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  const out: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: usage?.totalTokens ?? prompt + completion };
  if (usage?.cacheReadInputTokens) out.prompt_tokens_details = { cached_tokens: usage.cacheReadInputTokens };
  return out;
}

/** A Converse response to an OpenAI chat completion: text blocks joined, toolUse blocks as tool_calls. */
export function fromConverseResponse(res: ConverseResponse, model: string, now = Date.now()): ChatCompletion {
  const message = res.output?.message;
  if (!message || !Array.isArray(message.content)) {
    throw new BadGatewayError('bedrock answered without output.message', { provider: 'bedrock' });
  }
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (typeof block.text === 'string') text += block.text;
    else if (block.toolUse) {
      toolCalls.push({
        id: block.toolUse.toolUseId,
        type: 'function',
        function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) },
      });
    } else if (block.reasoningContent?.reasoningText?.text) reasoning += block.reasoningContent.reasoningText.text;
  }
  const reply: ChatCompletion['choices'][number]['message'] = { role: 'assistant', content: text || (toolCalls.length ? null : '') };
  if (toolCalls.length) reply.tool_calls = toolCalls;
  if (reasoning) reply.reasoning_content = reasoning;
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(now / 1000),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, message: reply, finish_reason: mapStopReason(res.stopReason) ?? 'stop' }],
    usage: mapUsage(res.usage),
  };
}

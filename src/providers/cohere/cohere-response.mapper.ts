import { BadGatewayError, GatewayError, TimeoutError } from '../../common/errors';
import type { ChatCompletion, FinishReason, Usage } from '../../common/openai/openai.types';
import { nowSeconds } from '../shared/chat-chunk.factory';
import type { CohereChatResponse, CohereFinishReason, CohereUsage } from './cohere.types';

const PROVIDER = 'cohere';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  USER_CANCEL: 'stop',
  MAX_TOKENS: 'length',
  ERROR_LIMIT: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR_TOXIC: 'content_filter',
};

/** Cohere's `finish_reason` to OpenAI's. */
export function mapCohereFinishReason(reason: CohereFinishReason | undefined): FinishReason {
  if (!reason) return null;
  return FINISH_REASONS[reason] ?? 'stop';
}

/**
 * `ERROR` and `TIMEOUT` mean the generation failed part-way: that is not an
 * answer to hand back as complete, so it becomes a (retryable) error.
 */
export function cohereGenerationFailure(reason: CohereFinishReason | undefined, detail?: string): GatewayError | undefined {
  if (reason === 'ERROR') return new BadGatewayError(`cohere stopped with an error${detail ? `: ${detail}` : ''}`, { provider: PROVIDER, code: reason });
  if (reason === 'TIMEOUT') return new TimeoutError(`cohere timed out generating the reply${detail ? `: ${detail}` : ''}`, { provider: PROVIDER });
  return undefined;
}

/** Actual tokens (`usage.tokens`) when Cohere reports them, else the billed units. */
export function mapCohereUsage(usage: CohereUsage | undefined): Usage {
  const counts = usage?.tokens ?? usage?.billed_units;
  const prompt = counts?.input_tokens ?? 0;
  const completion = counts?.output_tokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** A Cohere v2 chat response to an OpenAI chat completion. */
export function fromCohereResponse(res: CohereChatResponse, model: string): ChatCompletion {
  const failure = cohereGenerationFailure(res.finish_reason);
  if (failure) throw failure;
  const text = (res.message?.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('');
  const toolCalls = (res.message?.tool_calls ?? []).map((c) => ({
    id: c.id,
    type: 'function' as const,
    function: { name: c.function.name, arguments: c.function.arguments || '{}' },
  }));
  return {
    id: res.id,
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text || null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        finish_reason: mapCohereFinishReason(res.finish_reason) ?? 'stop',
        logprobs: null,
      },
    ],
    usage: mapCohereUsage(res.usage),
  };
}

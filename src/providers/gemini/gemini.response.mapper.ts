import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChoice, FinishReason, ToolCall, Usage } from '../../common/openai/openai.types';
import { ContentPolicyViolationError } from '../../common/errors';
import { encodeToolCallId } from './gemini.tool-call-id';
import type { GeminiCandidate, GeminiFinishReason, GeminiPart, GeminiUsageMetadata, GenerateContentResponse } from './gemini.types';

const FINISH_REASONS: Record<string, FinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
};

/** Gemini `finishReason` to OpenAI's; a candidate that called functions finished with `tool_calls`. */
export function mapFinishReason(reason: GeminiFinishReason | undefined, calledTools: boolean): FinishReason {
  if (reason === undefined) return null;
  const mapped = FINISH_REASONS[reason] ?? 'stop';
  return calledTools && mapped === 'stop' ? 'tool_calls' : mapped;
}

export function mapUsage(meta: GeminiUsageMetadata | undefined): Usage {
  const prompt = meta?.promptTokenCount ?? 0;
  const thoughts = meta?.thoughtsTokenCount ?? 0;
  // OpenAI counts reasoning in completion_tokens; Gemini counts thoughts apart.
  const completion = (meta?.candidatesTokenCount ?? 0) + thoughts;
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: meta?.totalTokenCount ?? prompt + completion };
  if (thoughts) usage.completion_tokens_details = { reasoning_tokens: thoughts };
  if (meta?.cachedContentTokenCount) usage.prompt_tokens_details = { cached_tokens: meta.cachedContentTokenCount };
  return usage;
}

/** A prompt Gemini refused to answer at all (no candidates) is the content-policy error. */
export function assertPromptNotBlocked(res: GenerateContentResponse): void {
  const reason = res.promptFeedback?.blockReason;
  if (!reason || reason === 'BLOCK_REASON_UNSPECIFIED') return;
  const detail = res.promptFeedback?.blockReasonMessage ? `: ${res.promptFeedback.blockReasonMessage}` : '';
  throw new ContentPolicyViolationError(`gemini blocked the prompt (${reason})${detail}`, { provider: 'gemini', param: 'messages' });
}

/** The answer, the thinking and the function calls of one candidate's parts. */
export function splitParts(parts: readonly GeminiPart[] | undefined): { text: string; reasoning: string; toolCalls: ToolCall[] } {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const part of parts ?? []) {
    if (part.functionCall) {
      toolCalls.push({
        id: encodeToolCallId(part.thoughtSignature, part.functionCall.id),
        type: 'function',
        function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (typeof part.text === 'string') {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
  }
  return { text, reasoning, toolCalls };
}

function toChoice(candidate: GeminiCandidate, position: number): ChatCompletionChoice {
  const { text, reasoning, toolCalls } = splitParts(candidate.content?.parts);
  const message: ChatCompletionChoice['message'] = { role: 'assistant', content: text || (toolCalls.length ? null : text) };
  if (toolCalls.length) message.tool_calls = toolCalls;
  if (reasoning) message.reasoning_content = reasoning;
  return { index: candidate.index ?? position, message, finish_reason: mapFinishReason(candidate.finishReason, toolCalls.length > 0) ?? 'stop' };
}

/** A generateContent response to an OpenAI chat completion, one choice per candidate. */
export function fromGenerateContentResponse(res: GenerateContentResponse, model: string, now = Date.now()): ChatCompletion {
  assertPromptNotBlocked(res);
  return {
    id: res.responseId ? `chatcmpl-${res.responseId}` : `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(now / 1000),
    model,
    system_fingerprint: null,
    choices: (res.candidates ?? []).map(toChoice),
    usage: mapUsage(res.usageMetadata),
  };
}

import type { ChatCompletionChunk, ChatCompletionChunkChoice, ToolCallDelta, Usage } from '../../common/openai/openai.types';
import type { ChunkMeta } from '../shared/chat-chunk.factory';
import { usageChunk } from '../shared/chat-chunk.factory';
import { assertPromptNotBlocked, mapFinishReason, mapUsage, splitParts } from './gemini.response.mapper';
import type { GeminiCandidate, GenerateContentResponse } from './gemini.types';

/**
 * streamGenerateContent events (each a whole GenerateContentResponse holding
 * the next piece) to OpenAI chunks. Per candidate it remembers whether the
 * role went out and how many tool calls it made (OpenAI numbers them);
 * usage metadata is cumulative, so the last one seen is the total.
 */
export class GeminiStreamMapper {
  private readonly roleSent = new Set<number>();
  private readonly toolCount = new Map<number, number>();
  private usage?: Usage;

  constructor(private readonly meta: ChunkMeta) {}

  map(event: GenerateContentResponse): ChatCompletionChunk[] {
    assertPromptNotBlocked(event);
    if (event.usageMetadata) this.usage = mapUsage(event.usageMetadata);
    return (event.candidates ?? []).flatMap((c, position) => this.candidateChunk(c, c.index ?? position));
  }

  /** The usage-only chunk that ends the stream, when Gemini reported usage. */
  finish(): ChatCompletionChunk[] {
    return this.usage ? [usageChunk(this.meta, this.usage)] : [];
  }

  private candidateChunk(candidate: GeminiCandidate, index: number): ChatCompletionChunk[] {
    const { text, reasoning, toolCalls } = splitParts(candidate.content?.parts);
    const delta: ChatCompletionChunkChoice['delta'] = {};
    if (!this.roleSent.has(index)) {
      this.roleSent.add(index);
      delta.role = 'assistant';
      delta.content = '';
    }
    if (text) delta.content = text;
    if (reasoning) delta.reasoning_content = reasoning;
    if (toolCalls.length) {
      const first = this.toolCount.get(index) ?? 0;
      this.toolCount.set(index, first + toolCalls.length);
      // Gemini sends each function call whole, so one delta carries id, name and all arguments.
      delta.tool_calls = toolCalls.map((call, k): ToolCallDelta => ({ index: first + k, id: call.id, type: 'function', function: call.function }));
    }
    const finish = mapFinishReason(candidate.finishReason, (this.toolCount.get(index) ?? 0) > 0);
    if (Object.keys(delta).length === 0 && finish === null) return [];
    return [
      {
        id: this.meta.id,
        object: 'chat.completion.chunk',
        created: this.meta.created,
        model: this.meta.model,
        choices: [{ index, delta, finish_reason: finish }],
      },
    ];
  }
}

import { BadGatewayError } from '../../common/errors';
import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { ChunkMeta, deltaChunk, nowSeconds, usageChunk } from '../shared/chat-chunk.factory';
import { cohereGenerationFailure, mapCohereFinishReason, mapCohereUsage } from './cohere-response.mapper';
import type { CohereStreamEvent } from './cohere.types';

/**
 * Turns Cohere v2 stream events into OpenAI chunks, one event at a time.
 * Tool calls are numbered in the order they start; message-end carries both
 * the finish reason and the usage, so it yields the finish and usage chunks.
 * The tool plan (Cohere's reasoning before tool calls) has no OpenAI field and
 * is not forwarded.
 */
export class CohereStreamMapper {
  private readonly meta: ChunkMeta;
  private readonly toolIndexByEvent = new Map<number, number>();
  private lastToolIndex = -1;
  private done = false;

  constructor(model: string) {
    this.meta = { id: '', model, created: nowSeconds() };
  }

  map(event: CohereStreamEvent): ChatCompletionChunk[] {
    const message = event.delta?.message;
    switch (event.type) {
      case 'message-start':
        this.meta.id = event.id ?? this.meta.id;
        return [deltaChunk(this.meta, { role: 'assistant', content: '' })];
      case 'content-delta': {
        const text = message?.content?.text ?? '';
        return text ? [deltaChunk(this.meta, { content: text })] : [];
      }
      case 'tool-call-start': {
        const call = message?.tool_calls;
        const toolIndex = this.toolIndexByEvent.size;
        this.toolIndexByEvent.set(event.index ?? toolIndex, toolIndex);
        this.lastToolIndex = toolIndex;
        return [
          deltaChunk(this.meta, {
            tool_calls: [
              { index: toolIndex, id: call?.id ?? '', type: 'function', function: { name: call?.function?.name ?? '', arguments: call?.function?.arguments ?? '' } },
            ],
          }),
        ];
      }
      case 'tool-call-delta': {
        const piece = message?.tool_calls?.function?.arguments ?? '';
        const toolIndex = (event.index !== undefined ? this.toolIndexByEvent.get(event.index) : undefined) ?? this.lastToolIndex;
        if (!piece || toolIndex < 0) return [];
        return [deltaChunk(this.meta, { tool_calls: [{ index: toolIndex, function: { arguments: piece } }] })];
      }
      case 'message-end': {
        this.done = true;
        const failure = cohereGenerationFailure(event.delta?.finish_reason, event.delta?.error);
        if (failure) throw failure;
        return [
          deltaChunk(this.meta, {}, mapCohereFinishReason(event.delta?.finish_reason) ?? 'stop'),
          usageChunk(this.meta, mapCohereUsage(event.delta?.usage)),
        ];
      }
      default:
        // content-start/end, tool-plan-delta, tool-call-end, citation-*, debug, and newer types.
        return [];
    }
  }

  /** Called when the upstream body ended: a stream cut short of message-end is a provider failure. */
  end(): void {
    if (!this.done) throw new BadGatewayError('cohere stream ended before message-end', { provider: 'cohere' });
  }
}

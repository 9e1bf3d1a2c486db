import type { ChatCompletionChunk, ChatCompletionChunkChoice } from '../../common/openai/openai.types';
import { ChunkMeta, deltaChunk, usageChunk } from '../shared/chat-chunk.factory';
import { mapStopReason, mapUsage } from './bedrock.response.mapper';
import type { ConverseStreamEvent } from './bedrock.types';

/**
 * ConverseStream events to OpenAI chunks, one event at a time. It keeps the
 * only state the translation needs: which content block is which tool call
 * (OpenAI numbers tool calls 0, 1, …; Bedrock numbers all content blocks).
 */
export class BedrockStreamMapper {
  private readonly toolIndexByBlock = new Map<number, number>();
  private roleSent = false;

  constructor(private readonly meta: ChunkMeta) {}

  /** The chunks for one event (`:event-type` and its JSON payload); unknown events give none. */
  map(eventType: string, event: ConverseStreamEvent): ChatCompletionChunk[] {
    switch (eventType) {
      case 'messageStart':
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'contentBlockStart': {
        const tool = event.start?.toolUse;
        if (!tool) return [];
        const index = this.toolIndex(event.contentBlockIndex ?? 0);
        return [this.chunk({ tool_calls: [{ index, id: tool.toolUseId, type: 'function', function: { name: tool.name, arguments: '' } }] })];
      }
      case 'contentBlockDelta':
        return this.delta(event);
      case 'messageStop':
        return [this.chunk({}, mapStopReason(event.stopReason) ?? 'stop')];
      case 'metadata':
        return event.usage ? [usageChunk(this.meta, mapUsage(event.usage))] : [];
      default:
        return []; // contentBlockStop and anything newer carry nothing for OpenAI clients
    }
  }

  private delta(event: ConverseStreamEvent): ChatCompletionChunk[] {
    const d = event.delta;
    if (!d) return [];
    if (typeof d.text === 'string') return d.text ? [this.chunk({ content: d.text })] : [];
    if (d.toolUse) {
      const index = this.toolIndex(event.contentBlockIndex ?? 0);
      return [this.chunk({ tool_calls: [{ index, function: { arguments: d.toolUse.input ?? '' } }] })];
    }
    if (d.reasoningContent?.text) return [this.chunk({ reasoning_content: d.reasoningContent.text })];
    return [];
  }

  private toolIndex(block: number): number {
    let index = this.toolIndexByBlock.get(block);
    if (index === undefined) {
      index = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(block, index);
    }
    return index;
  }

  private chunk(delta: ChatCompletionChunkChoice['delta'], finish: ChatCompletionChunkChoice['finish_reason'] = null): ChatCompletionChunk {
    // Some clients read the role only from the first chunk; make sure one carries it.
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', ...delta };
    }
    return deltaChunk(this.meta, delta, finish);
  }
}

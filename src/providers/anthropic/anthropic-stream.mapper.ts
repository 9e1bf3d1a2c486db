import { BadGatewayError } from '../../common/errors';
import type { ChatCompletionChunk, FinishReason, Usage } from '../../common/openai/openai.types';
import { ChunkMeta, deltaChunk, nowSeconds, usageChunk } from '../shared/chat-chunk.factory';
import { JSON_TOOL_NAME } from './anthropic-request.mapper';
import { mapAnthropicStopReason, mapAnthropicUsage } from './anthropic-response.mapper';
import { mapAnthropicStreamError } from './anthropic.errors';
import type { AnthropicStreamEvent, AnthropicUsage } from './anthropic.types';

/**
 * Turns Anthropic's stream events into OpenAI chunks, one event at a time.
 * Anthropic numbers content blocks; OpenAI numbers tool calls, so each
 * tool_use block gets the next tool-call index. Usage arrives in two halves
 * (input in message_start, output in message_delta) and leaves as the final
 * usage-only chunk at message_stop.
 */
export class AnthropicStreamMapper {
  private meta: ChunkMeta;
  private readonly toolIndexByBlock = new Map<number, number>();
  private readonly jsonBlocks = new Set<number>();
  private usage: AnthropicUsage = {};
  private finishReason: FinishReason = null;
  private started = false;
  private done = false;

  constructor(
    private readonly fallbackModel: string,
    private readonly jsonMode = false,
  ) {
    this.meta = { id: '', model: fallbackModel, created: nowSeconds() };
  }

  /** The chunks one event yields (often none). An `error` event throws. */
  map(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.started = true;
        this.meta = { id: event.message.id, model: event.message.model || this.fallbackModel, created: this.meta.created };
        this.usage = { ...event.message.usage };
        return [deltaChunk(this.meta, { role: 'assistant', content: '' })];
      case 'content_block_start':
        return this.blockStart(event.index, event.content_block as { type: string; [key: string]: unknown });
      case 'content_block_delta':
        return this.blockDelta(event.index, event.delta);
      case 'message_delta':
        if (event.usage) this.usage = { ...this.usage, ...definedOnly(event.usage) };
        if (event.delta.stop_reason !== undefined) {
          this.finishReason = mapAnthropicStopReason(event.delta.stop_reason, this.jsonMode);
          return [deltaChunk(this.meta, {}, this.finishReason ?? 'stop')];
        }
        return [];
      case 'message_stop':
        this.done = true;
        return [usageChunk(this.meta, this.totalUsage())];
      case 'error':
        throw mapAnthropicStreamError(event.error);
      default:
        // ping, content_block_stop, and event types added after this was written.
        return [];
    }
  }

  /** Called when the upstream body ended: a stream cut short of message_stop is a provider failure. */
  end(): void {
    if (!this.done) {
      throw new BadGatewayError(`anthropic stream ended before message_stop${this.started ? '' : ' (no message_start)'}`, {
        provider: 'anthropic',
      });
    }
  }

  private blockStart(index: number, block: { type: string; [key: string]: unknown }): ChatCompletionChunk[] {
    if (block.type === 'text') {
      const text = String(block.text ?? '');
      return text ? [deltaChunk(this.meta, { content: text })] : [];
    }
    if (block.type !== 'tool_use') return [];
    if (this.jsonMode && block.name === JSON_TOOL_NAME) {
      this.jsonBlocks.add(index);
      return [];
    }
    const toolIndex = this.toolIndexByBlock.size;
    this.toolIndexByBlock.set(index, toolIndex);
    return [
      deltaChunk(this.meta, {
        tool_calls: [{ index: toolIndex, id: String(block.id), type: 'function', function: { name: String(block.name), arguments: '' } }],
      }),
    ];
  }

  private blockDelta(index: number, delta: { type: string; [key: string]: unknown }): ChatCompletionChunk[] {
    if (delta.type === 'text_delta') {
      const text = String(delta.text ?? '');
      return text ? [deltaChunk(this.meta, { content: text })] : [];
    }
    if (delta.type !== 'input_json_delta') return []; // thinking, signature, citations
    const piece = String(delta.partial_json ?? '');
    if (!piece) return [];
    if (this.jsonBlocks.has(index)) return [deltaChunk(this.meta, { content: piece })];
    const toolIndex = this.toolIndexByBlock.get(index);
    if (toolIndex === undefined) return [];
    return [deltaChunk(this.meta, { tool_calls: [{ index: toolIndex, function: { arguments: piece } }] })];
  }

  private totalUsage(): Usage {
    return mapAnthropicUsage(this.usage);
  }
}

function definedOnly(usage: AnthropicUsage): AnthropicUsage {
  return Object.fromEntries(Object.entries(usage).filter(([, v]) => v !== undefined && v !== null));
}

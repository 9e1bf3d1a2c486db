import type { GatewayError } from '../../../common/errors';
import { toAnthropicErrorBody } from '../../../common/filters/anthropic-error.body';
import type { ChatCompletionChunk, FinishReason, Usage } from '../../../common/openai/openai.types';
import type { MessageStreamEvent } from '../messages.types';
import { toMessageUsage, toStopReason, type MessageContext } from './chat-to-message.mapper';

interface OpenBlock {
  index: number;
  kind: 'text' | 'tool_use';
  /** The chat tool call this block is, for `tool_use`. */
  toolIndex?: number;
}

/**
 * Chat chunks to Anthropic's stream, in its order: `message_start`, `ping`;
 * per content block `content_block_start`, its `content_block_delta`s
 * (`text_delta`, `input_json_delta`) and `content_block_stop`; then
 * `message_delta` (stop reason, usage) and `message_stop`. A chat stream
 * interleaves nothing, so one block is open at a time: text, or the tool
 * call whose id and name just arrived.
 */
export class ChatStreamToEventsMapper {
  private next = 0;
  private open?: OpenBlock;
  private readonly blockByTool = new Map<number, number>();
  private finish: FinishReason | undefined;
  private usage?: Usage;

  constructor(private readonly ctx: MessageContext) {}

  start(): MessageStreamEvent[] {
    return [
      {
        type: 'message_start',
        message: {
          id: this.ctx.id,
          type: 'message',
          role: 'assistant',
          model: this.ctx.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'ping' },
    ];
  }

  push(chunk: ChatCompletionChunk): MessageStreamEvent[] {
    const events: MessageStreamEvent[] = [];
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return events;
    const text = choice.delta?.content;
    if (typeof text === 'string' && text !== '') {
      if (this.open?.kind !== 'text') events.push(...this.openBlock({ type: 'text', text: '' }, 'text'));
      events.push({ type: 'content_block_delta', index: this.open!.index, delta: { type: 'text_delta', text } });
    }
    for (const call of choice.delta?.tool_calls ?? []) {
      if (!this.blockByTool.has(call.index) && (call.id !== undefined || call.function?.name !== undefined)) {
        // A server that leaves out the id (some OpenAI-compatible ones) still gets one: Anthropic's clients need it for the result.
        const id = call.id ?? `toolu_${this.ctx.id.replace(/^msg_/, '')}_${call.index}`;
        events.push(...this.openBlock({ type: 'tool_use', id, name: call.function?.name ?? '', input: {} }, 'tool_use', call.index));
      }
      const piece = call.function?.arguments;
      const index = this.blockByTool.get(call.index);
      if (piece && index !== undefined) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    if (choice.finish_reason) this.finish = choice.finish_reason;
    return events;
  }

  /** The end of a stream that ended well. */
  finishEvents(): MessageStreamEvent[] {
    const usage = toMessageUsage(this.usage);
    return [
      ...this.closeBlock(),
      {
        type: 'message_delta',
        delta: { stop_reason: toStopReason(this.finish), stop_sequence: null },
        usage: { input_tokens: usage.input_tokens, output_tokens: usage.output_tokens, cache_read_input_tokens: usage.cache_read_input_tokens },
      },
      { type: 'message_stop' },
    ];
  }

  /** The last event of a stream that broke. */
  fail(error: GatewayError): MessageStreamEvent[] {
    return [{ ...toAnthropicErrorBody(error) }];
  }

  private openBlock(block: Record<string, unknown>, kind: OpenBlock['kind'], toolIndex?: number): MessageStreamEvent[] {
    const events = this.closeBlock();
    const index = this.next++;
    this.open = { index, kind, toolIndex };
    if (toolIndex !== undefined) this.blockByTool.set(toolIndex, index);
    events.push({ type: 'content_block_start', index, content_block: block });
    return events;
  }

  private closeBlock(): MessageStreamEvent[] {
    if (!this.open) return [];
    const { index } = this.open;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }
}

import type { Usage } from '../../../common/openai/openai.types';
import type { MessageContentBlock, MessageStreamEvent, MessageUsage } from '../messages.types';
import { toChatUsage, toolInput } from './chat-to-message.mapper';

/**
 * Reads a Messages stream as it passes (native or mapped) for what the call
 * record needs: the usage (input in `message_start`, the totals in
 * `message_delta`) and the assembled content, for the sinks.
 */
export class MessageEventsAccumulator {
  private usage: Partial<MessageUsage> = {};
  private readonly blocks: Array<Record<string, unknown>> = [];
  private readonly json = new Map<number, string>();
  private sawUsage = false;

  add(event: MessageStreamEvent): void {
    switch (event.type) {
      case 'message_start': {
        const usage = (event.message as { usage?: Partial<MessageUsage> } | undefined)?.usage;
        if (usage) this.merge(usage);
        return;
      }
      case 'content_block_start':
        this.blocks[event.index as number] = { ...(event.content_block as Record<string, unknown>) };
        return;
      case 'content_block_delta': {
        const index = event.index as number;
        const block = this.blocks[index];
        const delta = event.delta as { type?: string; text?: string; partial_json?: string };
        if (!block) return;
        if (delta.type === 'text_delta') block.text = (typeof block.text === 'string' ? block.text : '') + (delta.text ?? '');
        else if (delta.type === 'input_json_delta') this.json.set(index, `${this.json.get(index) ?? ''}${delta.partial_json ?? ''}`);
        return;
      }
      case 'message_delta':
        if (event.usage) this.merge(event.usage);
        return;
      default:
        return;
    }
  }

  /** The usage so far, in the gateway's terms; undefined when the stream said none. */
  chatUsage(): Usage | undefined {
    return this.sawUsage ? toChatUsage(this.usage) : undefined;
  }

  content(): MessageContentBlock[] {
    return this.blocks
      .map((block, i) => (block && this.json.has(i) ? { ...block, input: toolInput(this.json.get(i)) } : block))
      .filter((b): b is Record<string, unknown> & { type: string } => b !== undefined && typeof b.type === 'string');
  }

  /** Each counter is a whole-message total: later values replace earlier ones. */
  private merge(usage: Partial<MessageUsage>): void {
    this.sawUsage = true;
    for (const [k, v] of Object.entries(usage)) if (v !== undefined && v !== null) (this.usage as Record<string, unknown>)[k] = v;
  }
}

import type { ChatCompletionChunk, Usage } from '../../../common/openai/openai.types';
import type { FunctionCallItem, OutputMessageItem, ResponseObject, ResponseOutputItem, ResponseStreamEvent } from '../responses.types';
import { textItem } from './chat-to-response.mapper';
import { responseObject, ResponseContext, statusOf, toResponseUsage } from './response-object.factory';
import { newItemId } from './response-ids';

type Event = { type: string; [key: string]: unknown };
type CallItem = FunctionCallItem & { id: string; status: 'in_progress' | 'completed' | 'incomplete' };

/**
 * Turns a chat stream into the Responses event stream, in OpenAI's order:
 * `response.created`, `response.in_progress`, then per output item
 * `output_item.added`, its content (`content_part.added`, text deltas,
 * `output_text.done`, `content_part.done`, or the function-call argument
 * deltas and `.done`), `output_item.done`; last `response.completed` (or
 * `response.incomplete`). An item is finished before the next one is added.
 * Every event gets the next `sequence_number`.
 */
export class ChatStreamToEventsMapper {
  private seq = 0;
  private readonly output: ResponseOutputItem[] = [];
  /** The item being streamed, and how to finish it. */
  private current?: { kind: 'text'; index: number; item: OutputMessageItem } | { kind: 'call'; index: number; item: CallItem; toolIndex: number };
  private readonly callsByToolIndex = new Map<number, { index: number; item: CallItem }>();
  private finishReason: string | null = null;
  private usage?: Usage;

  constructor(private readonly ctx: ResponseContext) {}

  start(): ResponseStreamEvent[] {
    const response = responseObject(this.ctx, 'in_progress');
    return this.stamp([
      { type: 'response.created', response },
      { type: 'response.in_progress', response },
    ]);
  }

  push(chunk: ChatCompletionChunk): ResponseStreamEvent[] {
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return [];
    const events: Event[] = [];
    const text = choice.delta?.content;
    if (typeof text === 'string' && text.length > 0) {
      if (this.current?.kind !== 'text') events.push(...this.closeCurrent(), ...this.openText());
      const current = this.current as { item: OutputMessageItem; index: number };
      const part = current.item.content[0] as { text: string };
      part.text += text;
      events.push({ type: 'response.output_text.delta', item_id: current.item.id, output_index: current.index, content_index: 0, delta: text, logprobs: [] });
    }
    for (const delta of choice.delta?.tool_calls ?? []) {
      let call = this.callsByToolIndex.get(delta.index);
      if (!call) {
        events.push(...this.closeCurrent(), ...this.openCall(delta.index, delta.id ?? newItemId('fc'), delta.function?.name ?? ''));
        call = this.callsByToolIndex.get(delta.index)!;
      } else if (delta.function?.name) {
        call.item.name += delta.function.name;
      }
      const args = delta.function?.arguments;
      if (args) {
        call.item.arguments += args;
        events.push({ type: 'response.function_call_arguments.delta', item_id: call.item.id, output_index: call.index, delta: args });
      }
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return this.stamp(events);
  }

  /** The upstream stream ended: finish the open item and the response. */
  finish(): ResponseStreamEvent[] {
    const events = this.closeCurrent();
    const response = this.response;
    events.push({ type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response });
    return this.stamp(events);
  }

  /** The upstream stream broke after it began: `response.failed`, then the `error` event. */
  fail(error: { code: string | null; message: string }): ResponseStreamEvent[] {
    const code = error.code ?? 'server_error';
    const response = responseObject(this.ctx, 'failed', this.output, toResponseUsage(this.usage), { error: { code, message: error.message } });
    return this.stamp([
      { type: 'response.failed', response },
      { type: 'error', code, message: error.message, param: null },
    ]);
  }

  /** The response as it stands (final once `finish` ran). */
  get response(): ResponseObject {
    const { status, incomplete_details } = statusOf(this.finishReason);
    return responseObject(this.ctx, status, this.output, toResponseUsage(this.usage), { incomplete_details });
  }

  private openText(): Event[] {
    const index = this.output.length;
    const item = textItem(newItemId('msg'), '', 'in_progress');
    this.output.push(item);
    this.current = { kind: 'text', index, item };
    return [
      { type: 'response.output_item.added', output_index: index, item: { ...item, content: [] } },
      { type: 'response.content_part.added', item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } },
    ];
  }

  private openCall(toolIndex: number, callId: string, name: string): Event[] {
    const index = this.output.length;
    const item: CallItem = { type: 'function_call', id: newItemId('fc'), call_id: callId, name, arguments: '', status: 'in_progress' };
    this.output.push(item);
    this.callsByToolIndex.set(toolIndex, { index, item });
    this.current = { kind: 'call', index, item, toolIndex };
    return [{ type: 'response.output_item.added', output_index: index, item: { ...item } }];
  }

  private closeCurrent(): Event[] {
    const current = this.current;
    if (!current) return [];
    this.current = undefined;
    const itemStatus = statusOf(this.finishReason).status === 'completed' || this.finishReason === null ? 'completed' : 'incomplete';
    if (current.kind === 'text') {
      const { item, index } = current;
      const part = item.content[0] as { text: string };
      item.status = itemStatus;
      return [
        { type: 'response.output_text.done', item_id: item.id, output_index: index, content_index: 0, text: part.text, logprobs: [] },
        { type: 'response.content_part.done', item_id: item.id, output_index: index, content_index: 0, part: { ...item.content[0] } },
        { type: 'response.output_item.done', output_index: index, item: structuredClone(item) },
      ];
    }
    const { item, index } = current;
    item.status = 'completed';
    return [
      { type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, name: item.name, arguments: item.arguments },
      { type: 'response.output_item.done', output_index: index, item: { ...item } },
    ];
  }

  private stamp(events: Event[]): ResponseStreamEvent[] {
    return events.map((e) => ({ ...e, sequence_number: this.seq++ }));
  }
}

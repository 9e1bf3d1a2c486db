import type { ChatCompletionChunk, ToolCall } from '../../common/openai/openai.types';

/** Assembles the assistant message from stream chunks, for the sink event. */
export class StreamOutputAccumulator {
  private content = '';
  private readonly toolCalls: ToolCall[] = [];
  finishReason: string | null = null;

  add(chunk: ChatCompletionChunk): void {
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string') this.content += delta.content;
    for (const tc of delta.tool_calls ?? []) {
      const slot = (this.toolCalls[tc.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (tc.id) slot.id = tc.id;
      if (tc.function?.name) slot.function.name += tc.function.name;
      if (tc.function?.arguments) slot.function.arguments += tc.function.arguments;
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  message(): { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] } {
    const toolCalls = this.toolCalls.filter(Boolean);
    return { role: 'assistant', content: this.content || (toolCalls.length ? null : ''), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
  }
}

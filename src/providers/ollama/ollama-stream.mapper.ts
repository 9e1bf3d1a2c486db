import { BadGatewayError } from '../../common/errors';
import type { ChatCompletionChunk } from '../../common/openai/openai.types';
import { ChunkMeta, deltaChunk, usageChunk } from '../shared/chat-chunk.factory';
import { createdSeconds, mapOllamaDoneReason, mapOllamaUsage, toOpenAIToolCall } from './ollama-response.mapper';
import { mapOllamaStreamError } from './ollama.errors';
import type { OllamaChatResponse } from './ollama.types';

/**
 * Turns Ollama's NDJSON stream into OpenAI chunks, one line at a time. Each
 * line carries a piece of content and, when the model calls tools, whole tool
 * calls (Ollama does not split arguments), which get consecutive indices. The
 * `done` line carries the stop reason and the token counts.
 */
export class OllamaStreamMapper {
  private meta?: ChunkMeta;
  private toolCalls = 0;
  private done = false;

  constructor(private readonly id: string) {}

  map(line: OllamaChatResponse): ChatCompletionChunk[] {
    if (line.error) throw mapOllamaStreamError(line.error);
    const out: ChatCompletionChunk[] = [];
    if (!this.meta) {
      this.meta = { id: this.id, model: line.model, created: createdSeconds(line.created_at) };
      out.push(deltaChunk(this.meta, { role: 'assistant', content: '' }));
    }
    const text = line.message?.content ?? '';
    if (text) out.push(deltaChunk(this.meta, { content: text }));
    const calls = line.message?.tool_calls ?? [];
    if (calls.length) {
      const tool_calls = calls.map((c) => {
        const call = toOpenAIToolCall(c);
        return { index: this.toolCalls++, id: call.id, type: 'function' as const, function: call.function };
      });
      out.push(deltaChunk(this.meta, { tool_calls }));
    }
    if (line.done) {
      this.done = true;
      out.push(deltaChunk(this.meta, {}, mapOllamaDoneReason(line.done_reason, this.toolCalls > 0)));
      out.push(usageChunk(this.meta, mapOllamaUsage(line)));
    }
    return out;
  }

  /** Called when the upstream body ended: a stream without its `done` line is a provider failure. */
  end(): void {
    if (!this.done) throw new BadGatewayError('ollama stream ended before its done line', { provider: 'ollama' });
  }
}

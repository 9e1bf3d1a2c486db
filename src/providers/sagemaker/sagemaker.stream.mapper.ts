import type { ChatCompletionChunk, ChatCompletionChunkChoice, ToolCallDelta, Usage } from '../../common/openai/openai.types';
import { ChunkMeta, deltaChunk, usageChunk } from '../shared/chat-chunk.factory';
import { mapFinishReason, mapUsage } from './sagemaker.response.mapper';
import type { TgiChatCompletionChunk, TgiToolCallDelta } from './sagemaker.types';

/**
 * TGI's chat chunks to the gateway's, one at a time. TGI's chunks are nearly
 * OpenAI's, but repeat `role` in every delta and the call's `id`/`type` in
 * every tool-call delta, report a tool call's end as `stop`, and send the
 * usage chunk right after the last token: the mapper keeps role and tool
 * headers to the first delta, finishes tool calls with `tool_calls`, and
 * holds the usage for `end()` so it is always the last chunk.
 */
export class TgiStreamMapper {
  /** Tool-call index → whether its name was sent (TGI repeats it, or sends null, on later deltas). */
  private readonly toolNamed = new Map<number, boolean>();
  private roleSent = false;
  private usage?: Usage;

  constructor(private readonly meta: ChunkMeta) {}

  map(chunk: TgiChatCompletionChunk): ChatCompletionChunk[] {
    if (chunk.usage) this.usage = mapUsage(chunk.usage);
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!choice) return [];
    const delta: ChatCompletionChunkChoice['delta'] = {};
    const source = choice.delta ?? {};
    if (typeof source.content === 'string' && (source.content !== '' || !this.roleSent)) delta.content = source.content;
    const toolCalls = (source.tool_calls ?? []).map((t) => this.toolDelta(t));
    if (toolCalls.length > 0) delta.tool_calls = toolCalls;
    const finish = choice.finish_reason ? mapFinishReason(choice.finish_reason, this.toolNamed.size > 0) : null;
    if (Object.keys(delta).length === 0 && finish === null) return [];
    const out = this.chunk(delta, finish);
    if (choice.logprobs) out.choices[0].logprobs = choice.logprobs;
    return [out];
  }

  /** The usage-only chunk, after every other one (TGI sends it when asked, and the adapter always asks). */
  end(): ChatCompletionChunk[] {
    return this.usage ? [usageChunk(this.meta, this.usage)] : [];
  }

  private toolDelta(t: TgiToolCallDelta): ToolCallDelta {
    const index = t.index ?? 0;
    const args = t.function?.arguments ?? '';
    const name = t.function?.name || undefined;
    const named = this.toolNamed.get(index);
    if (named === undefined) {
      this.toolNamed.set(index, name !== undefined);
      return { index, id: t.id || `call_${index}`, type: 'function', function: { name: name ?? '', arguments: args } };
    }
    if (!named && name !== undefined) {
      this.toolNamed.set(index, true);
      return { index, function: { name, arguments: args } };
    }
    return { index, function: { arguments: args } };
  }

  private chunk(delta: ChatCompletionChunkChoice['delta'], finish: ChatCompletionChunkChoice['finish_reason']): ChatCompletionChunk {
    // Some clients read the role only from the first chunk; make sure one carries it, and only one.
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', ...delta };
    }
    return deltaChunk(this.meta, delta, finish);
  }
}

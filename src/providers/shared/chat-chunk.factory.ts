import type { ChatCompletionChunk, ChatCompletionChunkChoice, FinishReason, Usage } from '../../common/openai/openai.types';

/** What every chunk of one streamed completion shares. */
export interface ChunkMeta {
  id: string;
  model: string;
  created: number;
}

/** One OpenAI chunk for choice 0. */
export function deltaChunk(meta: ChunkMeta, delta: ChatCompletionChunkChoice['delta'], finishReason: FinishReason = null): ChatCompletionChunk {
  return {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** The usage-only chunk that ends a stream (`choices: []`), as OpenAI sends it with `include_usage`. */
export function usageChunk(meta: ChunkMeta, usage: Usage): ChatCompletionChunk {
  return { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, choices: [], usage };
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

import type { ChatCompletionChunk } from '../common/openai/openai.types';
import type { ChatStream } from '../providers/provider-adapter.interface';

/**
 * Waits for a stream's first chunk, so that a failure before it can still be
 * retried, and returns a stream that replays it. Closing the returned stream
 * closes the upstream one (and with it the connection).
 */
export async function peekFirstChunk(stream: ChatStream): Promise<{ stream: ChatStream; empty: boolean }> {
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  async function* replay(): AsyncGenerator<ChatCompletionChunk> {
    try {
      if (first.done) return;
      yield first.value;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { stream: replay(), empty: Boolean(first.done) };
}

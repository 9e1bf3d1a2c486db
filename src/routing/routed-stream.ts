import type { ChatCompletionChunk } from '../common/openai/openai.types';

/**
 * Waits for a stream's first chunk, so that a failure before it can still be
 * retried, and returns a stream that replays it. Closing the returned stream
 * closes the upstream one (and with it the connection).
 */
export async function peekFirstChunk<T = ChatCompletionChunk>(stream: AsyncIterable<T>): Promise<{ stream: AsyncIterable<T>; empty: boolean }> {
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  async function* replay(): AsyncGenerator<T> {
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

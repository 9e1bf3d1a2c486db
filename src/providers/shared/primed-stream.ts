/**
 * Waits for a stream's first item before handing the stream over, so an error
 * the provider reports before any output (an `error` event or line right after
 * a 200) is thrown by `chatStream` itself and can still be retried and
 * answered as JSON. The items are then replayed in order, untouched.
 */
export async function primeStream<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  return replay(first, iterator);
}

async function* replay<T>(first: IteratorResult<T>, iterator: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  } finally {
    // A consumer that stops early (client gone) must release the upstream body.
    await iterator.return?.();
  }
}

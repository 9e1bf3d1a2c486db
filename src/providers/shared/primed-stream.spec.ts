import { primeStream } from './primed-stream';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('primeStream', () => {
  it('reads the first item before resolving and replays every item in order', async () => {
    const pulled: number[] = [];
    async function* source() {
      for (const i of [1, 2, 3]) {
        pulled.push(i);
        yield i;
      }
    }
    const stream = await primeStream(source());
    expect(pulled).toEqual([1]);
    expect(await collect(stream)).toEqual([1, 2, 3]);
  });

  it('throws from primeStream itself when the source fails before its first item', async () => {
    async function* failing(): AsyncGenerator<number> {
      throw new Error('upstream said no');
    }
    await expect(primeStream(failing())).rejects.toThrow('upstream said no');
  });

  it('throws from the iterator when the source fails later', async () => {
    async function* later() {
      yield 1;
      throw new Error('cut');
    }
    const stream = await primeStream(later());
    await expect(collect(stream)).rejects.toThrow('cut');
  });

  it('an empty source is an empty stream', async () => {
    async function* empty(): AsyncGenerator<number> {}
    expect(await collect(await primeStream(empty()))).toEqual([]);
  });

  it('a consumer that stops early closes the source', async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
        yield 3;
      } finally {
        closed = true;
      }
    }
    for await (const x of await primeStream(source())) {
      if (x === 2) break;
    }
    expect(closed).toBe(true);
  });
});

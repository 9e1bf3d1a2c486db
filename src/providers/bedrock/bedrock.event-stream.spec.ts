import { BadGatewayError } from '../../common/errors';
import { encodeAwsEventStream } from '../../../test/conformance/provider-conformance';
import { payloadText, readAwsEventStream } from './bedrock.event-stream';

const events = [
  { headers: { ':event-type': 'messageStart', ':message-type': 'event', ':content-type': 'application/json' }, body: { role: 'assistant' } },
  { headers: { ':event-type': 'contentBlockDelta', ':message-type': 'event', ':content-type': 'application/json' }, body: { contentBlockIndex: 0, delta: { text: 'héllo ✓' } } },
  { headers: { ':event-type': 'messageStop', ':message-type': 'event', ':content-type': 'application/json' }, body: { stopReason: 'end_turn' } },
];
const wire = Buffer.concat(encodeAwsEventStream(events));

async function* chunksOf(bytes: Buffer, sizes: (i: number) => number): AsyncGenerator<Uint8Array> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes(i));
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function decodeAll(source: AsyncIterable<Uint8Array>) {
  const out: Array<{ type: string; body: unknown }> = [];
  for await (const m of readAwsEventStream(source, 'bedrock')) out.push({ type: m.headers[':event-type'], body: JSON.parse(payloadText(m)) });
  return out;
}

const expected = events.map((e) => ({ type: e.headers[':event-type'], body: e.body }));

describe('readAwsEventStream', () => {
  it('decodes messages that arrive whole, one per TCP chunk', async () => {
    expect(await decodeAll(chunksOf(wire, () => wire.length))).toEqual(expected);
  });

  it.each([1, 2, 3, 7, 13, 64])('decodes messages split into %i-byte TCP chunks', async (size) => {
    expect(await decodeAll(chunksOf(wire, () => size))).toEqual(expected);
  });

  it('decodes with every possible single split point', async () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const source = (async function* () {
        yield wire.subarray(0, cut);
        yield wire.subarray(cut);
      })();
      expect(await decodeAll(source)).toEqual(expected);
    }
  });

  it('is a 502 when the stream ends inside a message', async () => {
    await expect(decodeAll(chunksOf(wire.subarray(0, wire.length - 5), () => 50))).rejects.toThrow(/ended in the middle/);
  });

  it('is a 502 when a CRC does not match (corrupt bytes)', async () => {
    const corrupt = Buffer.from(wire);
    corrupt[30] ^= 0xff;
    await expect(decodeAll(chunksOf(corrupt, () => corrupt.length))).rejects.toBeInstanceOf(BadGatewayError);
  });

  it('is a 502 when the bytes are not an event stream at all', async () => {
    await expect(decodeAll(chunksOf(Buffer.from('{"message":"not a stream, just JSON"}'), () => 100))).rejects.toThrow(/not an AWS event stream/);
  });

  it('reads an empty body as no messages', async () => {
    expect(await decodeAll(chunksOf(Buffer.alloc(0), () => 1))).toEqual([]);
  });
});

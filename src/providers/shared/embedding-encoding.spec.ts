import { decodeBase64Embedding, encodeEmbedding } from './embedding-encoding';

describe('encodeEmbedding', () => {
  it.each([[undefined], ['float' as const]])('%s returns the floats', (format) => {
    expect(encodeEmbedding([0.5, -1], format)).toEqual([0.5, -1]);
  });

  it('base64 is little-endian float32, as OpenAI sends it', () => {
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, little-endian
    expect(encodeEmbedding([1, -2], 'base64')).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'));
  });

  it('round-trips through the decoder to float32 precision', () => {
    const v = [0.1, -0.25, 3.5, 0];
    const decoded = decodeBase64Embedding(encodeEmbedding(v, 'base64') as string);
    decoded.forEach((x, i) => expect(x).toBeCloseTo(v[i], 6));
    expect(decoded).toHaveLength(4);
  });
});

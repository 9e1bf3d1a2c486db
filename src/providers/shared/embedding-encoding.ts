/**
 * OpenAI's `encoding_format: "base64"`: the vector as little-endian float32
 * bytes, base64-encoded. The official `openai` SDKs ask for it by default, so
 * providers that only return floats are encoded here.
 */
export function encodeEmbedding(vector: readonly number[], format: 'float' | 'base64' | undefined): number[] | string {
  if (format !== 'base64') return [...vector];
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
}

/** Inverse of `encodeEmbedding` for base64 (what the SDKs do on receipt). */
export function decodeBase64Embedding(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(bytes.readFloatLE(i));
  return out;
}

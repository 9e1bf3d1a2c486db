import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { BadGatewayError, InvalidRequestError } from '../../common/errors';
import { approximateTokens } from '../mock/mock.adapter';
import { encodeEmbedding } from '../shared/embedding-encoding';
import type { SageMakerEmbeddingResponse, TeiEmbedRequest } from './sagemaker.types';

const PROVIDER = 'sagemaker';

/** The texts to embed (token-id input was already decoded to text by the embeddings service). */
export function embeddingInputs(request: EmbeddingRequest): string[] {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (inputs.length === 0) throw new InvalidRequestError('input must not be empty', { param: 'input', provider: PROVIDER });
  return inputs.map((i) => {
    if (typeof i !== 'string') throw new InvalidRequestError(`${PROVIDER} embeddings take text input`, { param: 'input', provider: PROVIDER });
    return i;
  });
}

/** TEI's `/embed` body; `dimensions` and `normalize` are TEI fields too (Matryoshka models, unit vectors). */
export function teiBody(texts: string[], request: EmbeddingRequest): TeiEmbedRequest {
  const body: TeiEmbedRequest = { inputs: texts };
  if (typeof request.dimensions === 'number') body.dimensions = request.dimensions;
  if (typeof request.normalize === 'boolean') body.normalize = request.normalize;
  return body;
}

const isVector = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number');

/**
 * The vectors of one answer: TEI's `[[…], …]`, or `{"embeddings": …}` /
 * `{"vectors": …}` from older Hugging Face DLC scripts, where a single input
 * may come back as one flat vector. Anything else (token-level 3-D output of
 * a plain feature-extraction pipeline included) is a 502.
 */
export function vectorsOf(res: SageMakerEmbeddingResponse, expected: number): number[][] {
  const raw = Array.isArray(res) ? res : (res.embeddings ?? res.vectors);
  let vectors: number[][] | undefined;
  if (isVector(raw) && expected === 1) vectors = [raw];
  else if (Array.isArray(raw) && raw.every(isVector)) vectors = raw;
  if (!vectors) throw new BadGatewayError(`${PROVIDER} answered with no embedding vectors (expected TEI's [[floats], …])`, { provider: PROVIDER });
  if (vectors.length !== expected) {
    throw new BadGatewayError(`${PROVIDER} answered with ${vectors.length} embeddings for ${expected} inputs`, { provider: PROVIDER });
  }
  return vectors;
}

/**
 * The OpenAI list. Neither TEI's body nor SageMaker's headers carry a token
 * count, so usage is the gateway's estimate (about four characters a token).
 */
export function toEmbeddingResponse(vectors: number[][], texts: string[], model: string, encoding: EmbeddingRequest['encoding_format']): EmbeddingResponse {
  const tokens = texts.reduce((n, t) => n + approximateTokens(t), 0);
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(v, encoding) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

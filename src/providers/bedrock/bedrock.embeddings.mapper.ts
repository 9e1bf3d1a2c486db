import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { BadGatewayError, InvalidRequestError } from '../../common/errors';
import { encodeEmbedding } from '../shared/embedding-encoding';
import { refuseUnlessDropping } from '../shared/param-support';

const PROVIDER = 'bedrock';

/** Which InvokeModel body family an embedding model speaks. */
export type BedrockEmbeddingFamily = 'titan-v1' | 'titan-v2' | 'cohere';

export function embeddingFamily(modelId: string): BedrockEmbeddingFamily {
  // Inference-profile ids and ARNs carry the model id after a prefix.
  if (/amazon\.titan-embed-text-v2/.test(modelId)) return 'titan-v2';
  if (/amazon\.titan-embed-(text-v1|g1-text)/.test(modelId)) return 'titan-v1';
  if (/cohere\.embed-/.test(modelId)) return 'cohere';
  throw new InvalidRequestError(
    `${PROVIDER} embeddings support Titan (amazon.titan-embed-text-v1, -v2:0) and Cohere (cohere.embed-*) models, not '${modelId}'`,
    { param: 'model', provider: PROVIDER },
  );
}

/** The texts to embed; token arrays have no Bedrock equivalent. */
export function embeddingInputs(request: EmbeddingRequest): string[] {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (inputs.length === 0) throw new InvalidRequestError('input must not be empty', { param: 'input', provider: PROVIDER });
  return inputs.map((i) => {
    if (typeof i !== 'string') {
      throw new InvalidRequestError(`${PROVIDER} embeddings take text input, not token arrays`, { param: 'input', provider: PROVIDER });
    }
    return i;
  });
}

/** Titan embeds one text per call; v2 also takes `dimensions` and `normalize`. */
export function titanBody(text: string, family: 'titan-v1' | 'titan-v2', request: EmbeddingRequest, dropParams?: boolean): Record<string, unknown> {
  if (family === 'titan-v1') {
    if (request.dimensions !== undefined && request.dimensions !== null) refuseUnlessDropping(PROVIDER, 'dimensions', dropParams === true);
    return { inputText: text };
  }
  const body: Record<string, unknown> = { inputText: text, normalize: typeof request.normalize === 'boolean' ? request.normalize : true };
  if (typeof request.dimensions === 'number') body.dimensions = request.dimensions;
  return body;
}

/** Cohere on Bedrock: every text in one call; `input_type` may be given by the caller (LiteLLM does the same). */
export function cohereBody(texts: string[], request: EmbeddingRequest, dropParams?: boolean): Record<string, unknown> {
  if (request.dimensions !== undefined && request.dimensions !== null) refuseUnlessDropping(PROVIDER, 'dimensions', dropParams === true);
  const inputType = typeof request.input_type === 'string' ? request.input_type : 'search_document';
  return { texts, input_type: inputType };
}

export interface TitanEmbeddingResponse {
  embedding?: number[];
  inputTextTokenCount?: number;
}
export interface CohereEmbeddingResponse {
  embeddings?: number[][] | { float?: number[][] };
}

export function fromTitan(results: TitanEmbeddingResponse[], model: string, encoding: EmbeddingRequest['encoding_format']): EmbeddingResponse {
  const tokens = results.reduce((n, r) => n + (r.inputTextTokenCount ?? 0), 0);
  return {
    object: 'list',
    data: results.map((r, index) => {
      if (!Array.isArray(r.embedding)) throw new BadGatewayError(`${PROVIDER} answered without an embedding`, { provider: PROVIDER });
      return { object: 'embedding', index, embedding: encodeEmbedding(r.embedding, encoding) };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** Cohere's body has no token count; Bedrock's `x-amzn-bedrock-input-token-count` header does. */
export function fromCohere(res: CohereEmbeddingResponse, model: string, encoding: EmbeddingRequest['encoding_format'], inputTokens: number): EmbeddingResponse {
  const vectors = Array.isArray(res.embeddings) ? res.embeddings : res.embeddings?.float;
  if (!Array.isArray(vectors)) throw new BadGatewayError(`${PROVIDER} answered without embeddings`, { provider: PROVIDER });
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(v, encoding) })),
    model,
    usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
  };
}

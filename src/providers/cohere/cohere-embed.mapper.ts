import { InvalidRequestError } from '../../common/errors';
import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { encodeEmbedding } from '../shared/embedding-encoding';
import type { CohereEmbedRequest, CohereEmbedResponse } from './cohere.types';

const PROVIDER = 'cohere';

/** What Cohere's embed v2 needs to know the texts are for; documents, unless the caller says otherwise. */
export const COHERE_DEFAULT_INPUT_TYPE = 'search_document';

/** An OpenAI embeddings request to the body of Cohere's `POST /v2/embed`. */
export function toCohereEmbedRequest(request: EmbeddingRequest, deployment: Deployment): CohereEmbedRequest {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (!inputs.every((i): i is string => typeof i === 'string')) {
    throw new InvalidRequestError(`${PROVIDER} embeddings take text input only, not token arrays`, { param: 'input', provider: PROVIDER });
  }
  const inputType = typeof request.input_type === 'string' ? request.input_type : COHERE_DEFAULT_INPUT_TYPE;
  return {
    model: deployment.upstreamModel,
    texts: inputs,
    input_type: inputType,
    embedding_types: ['float'],
    ...(typeof request.dimensions === 'number' ? { output_dimension: request.dimensions } : {}),
    ...(typeof request.truncate === 'string' ? { truncate: request.truncate } : {}),
  };
}

/** Cohere's float embeddings to OpenAI's list, base64-encoded when the caller asked for it. */
export function fromCohereEmbedResponse(res: CohereEmbedResponse, request: EmbeddingRequest, model: string): EmbeddingResponse {
  const vectors = res.embeddings?.float ?? [];
  const tokens = res.meta?.billed_units?.input_tokens ?? 0;
  return {
    object: 'list',
    data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(v, request.encoding_format) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

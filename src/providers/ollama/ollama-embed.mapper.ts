import { InvalidRequestError } from '../../common/errors';
import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import type { Deployment } from '../../deployments/deployment';
import { encodeEmbedding } from '../shared/embedding-encoding';
import type { OllamaEmbedRequest, OllamaEmbedResponse } from './ollama.types';

const PROVIDER = 'ollama';

/** An OpenAI embeddings request to the body of Ollama's `POST /api/embed`. */
export function toOllamaEmbedRequest(request: EmbeddingRequest, deployment: Deployment): OllamaEmbedRequest {
  const input = request.input;
  const texts = typeof input === 'string' || (Array.isArray(input) && input.every((i) => typeof i === 'string'));
  if (!texts) throw new InvalidRequestError(`${PROVIDER} embeddings take text input only, not token arrays`, { param: 'input', provider: PROVIDER });
  return {
    model: deployment.upstreamModel,
    input: input,
    ...(typeof request.dimensions === 'number' ? { dimensions: request.dimensions } : {}),
    ...(typeof request.truncate === 'boolean' ? { truncate: request.truncate } : {}),
    ...(typeof request.keep_alive === 'string' || typeof request.keep_alive === 'number' ? { keep_alive: request.keep_alive } : {}),
  };
}

/** Ollama's vectors to OpenAI's list, base64-encoded when the caller asked for it. */
export function fromOllamaEmbedResponse(res: OllamaEmbedResponse, request: EmbeddingRequest): EmbeddingResponse {
  const tokens = res.prompt_eval_count ?? 0;
  return {
    object: 'list',
    data: (res.embeddings ?? []).map((v, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(v, request.encoding_format) })),
    model: res.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

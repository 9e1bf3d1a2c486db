import type { EmbeddingRequest, EmbeddingResponse } from '../../common/openai/openai.types';
import { BadGatewayError, InvalidRequestError } from '../../common/errors';
import { encodeEmbedding } from '../shared/embedding-encoding';
import type { BatchEmbedContentsResponse, EmbedContentResponse, GeminiEmbedding } from './gemini.types';

const PROVIDER = 'gemini';

/** `text-embedding-004` → `models/text-embedding-004`; already-qualified names stay. */
export function qualifiedModel(model: string): string {
  return /^(models|tunedModels)\//.test(model) ? model : `models/${model}`;
}

export function embeddingTexts(request: EmbeddingRequest): string[] {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (inputs.length === 0) throw new InvalidRequestError('input must not be empty', { param: 'input', provider: PROVIDER });
  return inputs.map((i) => {
    if (typeof i !== 'string') throw new InvalidRequestError(`${PROVIDER} embeddings take text input, not token arrays`, { param: 'input', provider: PROVIDER });
    return i;
  });
}

/** One embedContent request; `dimensions` is Gemini's `outputDimensionality`, `task_type` passes through. */
export function embedRequest(text: string, model: string, request: EmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: qualifiedModel(model), content: { parts: [{ text }] } };
  if (typeof request.dimensions === 'number') body.outputDimensionality = request.dimensions;
  if (typeof request.task_type === 'string') body.taskType = request.task_type;
  return body;
}

/** `:embedContent` for one text, `:batchEmbedContents` for several. */
export function embeddingCall(texts: string[], model: string, request: EmbeddingRequest): { method: 'embedContent' | 'batchEmbedContents'; body: unknown } {
  if (texts.length === 1) return { method: 'embedContent', body: embedRequest(texts[0], model, request) };
  return { method: 'batchEmbedContents', body: { requests: texts.map((t) => embedRequest(t, model, request)) } };
}

export function fromEmbeddingResponse(
  res: EmbedContentResponse & BatchEmbedContentsResponse & { usageMetadata?: { promptTokenCount?: number } },
  expected: number,
  model: string,
  encoding: EmbeddingRequest['encoding_format'],
): EmbeddingResponse {
  const embeddings: GeminiEmbedding[] = res.embeddings ?? (res.embedding ? [res.embedding] : []);
  if (embeddings.length !== expected || embeddings.some((e) => !Array.isArray(e.values))) {
    throw new BadGatewayError(`${PROVIDER} answered ${embeddings.length} embeddings for ${expected} inputs`, { provider: PROVIDER });
  }
  // The Gemini API reports no token counts for embeddings (some versions add usageMetadata).
  const tokens = res.usageMetadata?.promptTokenCount ?? 0;
  return {
    object: 'list',
    data: embeddings.map((e, index) => ({ object: 'embedding', index, embedding: encodeEmbedding(e.values!, encoding) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

import type { Tiktoken } from 'js-tiktoken/lite';
import type { EmbeddingRequest } from '../../common/openai/openai.types';

/** Providers that take token ids as embedding input themselves. */
const TAKES_TOKENS = new Set(['openai', 'azure', 'hosted_vllm']);

let encoder: Tiktoken | undefined;

/** cl100k_base, loaded on first use only (its ranks are megabytes). */
function cl100k(): Tiktoken {
  if (!encoder) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tiktoken: Encoder } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = require('js-tiktoken/ranks/cl100k_base');
    encoder = new Encoder(ranks.default ?? ranks);
  }
  return encoder;
}

const isTokens = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n));

/**
 * LangChain's OpenAIEmbeddings sends token ids (cl100k) rather than text.
 * Providers other than OpenAI's need the text back, as LiteLLM does.
 */
export function decodeTokenInputFor(provider: string, request: EmbeddingRequest): EmbeddingRequest {
  if (TAKES_TOKENS.has(provider)) return request;
  const input = request.input;
  if (isTokens(input)) return { ...request, input: cl100k().decode(input) };
  if (Array.isArray(input) && input.length > 0 && input.every(isTokens)) {
    return { ...request, input: (input).map((tokens) => cl100k().decode(tokens)) };
  }
  return request;
}

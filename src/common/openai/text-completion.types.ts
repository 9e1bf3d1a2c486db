import type { FinishReason, Usage } from './openai.types';

/** The legacy Completions API (`POST /v1/completions`): a prompt in, text out. */
export interface TextCompletionRequest {
  model: string;
  /** Text, texts, token ids, or lists of token ids (one completion set a prompt). */
  prompt: string | string[] | number[] | number[][];
  suffix?: string | null;
  echo?: boolean | null;
  /** How many most likely tokens to return with each token's log probability (0–5). */
  logprobs?: number | null;
  best_of?: number | null;
  max_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  seed?: number | null;
  user?: string;
  [key: string]: unknown;
}

/** The legacy log probabilities of one choice, token by token. */
export interface TextCompletionLogprobs {
  tokens: string[];
  token_logprobs: number[];
  top_logprobs: Array<Record<string, number>> | null;
  text_offset: number[];
}

export type TextFinishReason = Extract<FinishReason, 'stop' | 'length' | 'content_filter'> | null;

export interface TextCompletionChoice {
  text: string;
  index: number;
  logprobs: TextCompletionLogprobs | null;
  finish_reason: TextFinishReason;
}

/** The answer, and (with `stream: true`) each chunk of it: both are `text_completion` objects. */
export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
  [key: string]: unknown;
}

export type TextCompletionChunk = TextCompletion;

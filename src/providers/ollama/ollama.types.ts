/**
 * Ollama's native API (`POST /api/chat`, `POST /api/embed`), as far as the
 * gateway reads or writes it.
 */

export interface OllamaToolCall {
  /** Newer Ollama versions send an id and an index; older ones neither. */
  id?: string;
  function: { name: string; arguments: Record<string, unknown>; index?: number };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 images, without a data: prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** The tool whose result a `tool` message carries. */
  tool_name?: string;
}

export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  seed?: number;
  stop?: string[];
  num_predict?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  [key: string]: unknown;
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  stream: boolean;
  options?: OllamaOptions;
  format?: 'json' | Record<string, unknown>;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  keep_alive?: string | number;
}

/** One object of the reply: the whole reply, or one NDJSON line of a stream (the last has `done: true`). */
export interface OllamaChatResponse {
  model: string;
  created_at?: string;
  message?: { role: 'assistant'; content?: string; thinking?: string; tool_calls?: OllamaToolCall[] };
  done: boolean;
  done_reason?: 'stop' | 'length' | 'load' | 'unload' | string;
  prompt_eval_count?: number;
  eval_count?: number;
  /** A failure reported inside a 200 stream. */
  error?: string;
}

export interface OllamaEmbedRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  truncate?: boolean;
  keep_alive?: string | number;
}

export interface OllamaEmbedResponse {
  model: string;
  embeddings: number[][];
  prompt_eval_count?: number;
}

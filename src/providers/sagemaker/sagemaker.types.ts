/**
 * What the gateway writes to and reads from the Hugging Face containers behind
 * a SageMaker endpoint: TGI's Messages API on `/invocations` (TGI ≥ 1.4,
 * OpenAI-shaped, router/src/lib.rs `ChatRequest` / `ChatCompletion` /
 * `ChatCompletionChunk`) and TEI's `/embed` (served on `/invocations`).
 */

export type TgiContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface TgiToolCall {
  id: string;
  type: 'function';
  /** TGI reads `arguments` as any JSON value; OpenAI's JSON string is passed as is. */
  function: { name: string; arguments: unknown; description?: string | null };
}

export interface TgiMessage {
  role: string;
  content?: string | TgiContentPart[];
  tool_calls?: TgiToolCall[];
  tool_call_id?: string;
  name?: string;
}

/** TGI's `response_format` is a grammar: `{type: "json", value: <JSON schema>}`. */
export interface TgiGrammar {
  type: 'json';
  value: Record<string, unknown>;
}

export interface TgiChatRequest {
  /** TGI ignores it; `tgi` is what its docs send. */
  model: 'tgi';
  messages: TgiMessage[];
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters: Record<string, unknown> } }>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };
  response_format?: TgiGrammar;
  stream: boolean;
  stream_options?: { include_usage: boolean };
}

/** `eos_token` / `stop_sequence` are TGI's own spellings (older versions, and chunks). */
export type TgiFinishReason = 'stop' | 'length' | 'eos_token' | 'stop_sequence' | 'tool_calls' | string;

export interface TgiUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface TgiOutputToolCall {
  id?: string;
  type?: string;
  /** A JSON string since TGI 2.x; an object in TGI 2.0. */
  function?: { name?: string; arguments?: unknown; description?: string | null };
}

export interface TgiChatCompletion {
  id?: string;
  created?: number;
  model?: string;
  system_fingerprint?: string;
  choices?: Array<{
    index?: number;
    message?: { role?: string; content?: string | null; tool_calls?: TgiOutputToolCall[] };
    logprobs?: unknown;
    finish_reason?: TgiFinishReason | null;
  }>;
  usage?: TgiUsage | null;
}

export interface TgiToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string | null; arguments?: string };
}

export interface TgiChatCompletionChunk {
  id?: string;
  created?: number;
  model?: string;
  system_fingerprint?: string;
  choices?: Array<{
    index?: number;
    delta?: { role?: string; content?: string | null; tool_calls?: TgiToolCallDelta[] };
    logprobs?: unknown;
    finish_reason?: TgiFinishReason | null;
  }>;
  usage?: TgiUsage | null;
}

/**
 * TGI's error body (`{"error": "...", "error_type": "validation"}`) and, inside
 * a stream, its OpenAI-style error event (`{"error": {"message", "http_status_code"}}`).
 */
export interface TgiErrorBody {
  error?: string | { message?: string; http_status_code?: number };
  error_type?: string;
  message?: string;
}

/** TEI `/embed` body. */
export interface TeiEmbedRequest {
  inputs: string[];
  normalize?: boolean;
  truncate?: boolean;
  dimensions?: number;
  prompt_name?: string;
}

/**
 * TEI answers `[[floats], …]`; custom inference scripts of the older Hugging
 * Face DLC answer `{"embeddings": …}` (the toolkit's sentence-embeddings task)
 * or `{"vectors": …}` (LangChain's SageMaker example).
 */
export type SageMakerEmbeddingResponse = number[][] | number[] | { embeddings?: unknown; vectors?: unknown };

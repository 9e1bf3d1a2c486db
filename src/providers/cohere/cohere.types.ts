/**
 * Cohere's v2 wire format (`POST /v2/chat`, `POST /v2/embed`), as far as the
 * gateway reads or writes it.
 */

export type CohereContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | CohereContentPart[] }
  | { role: 'assistant'; content?: string; tool_calls?: CohereToolCall[]; tool_plan?: string }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface CohereChatRequest {
  model: string;
  messages: CohereMessage[];
  stream?: boolean;
  tools?: CohereTool[];
  tool_choice?: 'REQUIRED' | 'NONE';
  max_tokens?: number;
  stop_sequences?: string[];
  temperature?: number;
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  p?: number;
  k?: number;
  response_format?: { type: 'json_object'; json_schema?: Record<string, unknown> };
  [key: string]: unknown;
}

export type CohereFinishReason =
  | 'COMPLETE'
  | 'STOP_SEQUENCE'
  | 'MAX_TOKENS'
  | 'TOOL_CALL'
  | 'ERROR'
  | 'TIMEOUT'
  | 'ERROR_TOXIC'
  | 'ERROR_LIMIT'
  | 'USER_CANCEL'
  | string;

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
}

export interface CohereChatResponse {
  id: string;
  finish_reason: CohereFinishReason;
  message: {
    role: 'assistant';
    content?: Array<{ type: string; text?: string; [key: string]: unknown }>;
    tool_calls?: CohereToolCall[];
    tool_plan?: string;
  };
  usage?: CohereUsage;
}

/** The `data` of one v2 stream event; `type` names it (and the SSE `event:` field repeats it). */
export interface CohereStreamEvent {
  type: string;
  id?: string;
  index?: number;
  delta?: {
    message?: {
      content?: { type?: string; text?: string };
      tool_plan?: string;
      tool_calls?: { id?: string; type?: 'function'; function?: { name?: string; arguments?: string } };
    };
    finish_reason?: CohereFinishReason;
    usage?: CohereUsage;
    error?: string;
  };
}

export interface CohereEmbedRequest {
  model: string;
  texts: string[];
  input_type: string;
  embedding_types: ['float'];
  output_dimension?: number;
  truncate?: string;
}

export interface CohereEmbedResponse {
  id?: string;
  embeddings: { float?: number[][] };
  texts?: string[];
  meta?: { billed_units?: { input_tokens?: number } };
}

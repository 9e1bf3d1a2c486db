/**
 * OpenAI's Responses API wire format, as far as the gateway reads or writes
 * it. Fields the gateway does not read pass through the index signatures.
 */

export interface InputTextPart {
  type: 'input_text';
  text: string;
}
export interface InputImagePart {
  type: 'input_image';
  image_url?: string;
  file_id?: string;
  detail?: 'auto' | 'low' | 'high';
}
export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs?: unknown[];
}
export interface RefusalPart {
  type: 'refusal';
  refusal: string;
}
export type InputContentPart = InputTextPart | InputImagePart | OutputTextPart | RefusalPart | { type: string; [key: string]: unknown };

export interface MessageInputItem {
  type?: 'message';
  id?: string;
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | InputContentPart[];
  status?: string;
  [key: string]: unknown;
}

export interface FunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: 'in_progress' | 'completed' | 'incomplete';
  [key: string]: unknown;
}

export interface FunctionCallOutputItem {
  type: 'function_call_output';
  id?: string;
  call_id: string;
  output: string | InputContentPart[];
  [key: string]: unknown;
}

export type ResponseInputItem = MessageInputItem | FunctionCallItem | FunctionCallOutputItem | { type: string; [key: string]: unknown };

/** An assistant message in `output`. */
export interface OutputMessageItem {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: Array<OutputTextPart | RefusalPart>;
}

export type ResponseOutputItem = OutputMessageItem | (FunctionCallItem & { id: string; status: 'in_progress' | 'completed' | 'incomplete' });

export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

export type ResponseToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; name: string } | { type: string; [key: string]: unknown };

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'incomplete' | 'cancelled' | 'queued';

/** The `response` object. */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponseOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  store: boolean;
  temperature: number | null;
  tool_choice: ResponseToolChoice;
  tools: unknown[];
  top_p: number | null;
  usage: ResponseUsage | null;
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}

/** The request, after validation. */
export interface ResponseRequest {
  model: string;
  input: string | ResponseInputItem[];
  instructions?: string | null;
  tools?: Array<FunctionTool | { type: string; [key: string]: unknown }>;
  tool_choice?: ResponseToolChoice;
  temperature?: number | null;
  top_p?: number | null;
  max_output_tokens?: number | null;
  parallel_tool_calls?: boolean | null;
  stream?: boolean;
  store?: boolean;
  previous_response_id?: string | null;
  metadata?: Record<string, unknown>;
  text?: { format?: { type: string; name?: string; schema?: Record<string, unknown>; strict?: boolean; [key: string]: unknown } };
  user?: string;
  [key: string]: unknown;
}

/** One event of the Responses stream, as written (`type` is also the SSE `event:` name). */
export interface ResponseStreamEvent {
  type: string;
  sequence_number: number;
  [key: string]: unknown;
}

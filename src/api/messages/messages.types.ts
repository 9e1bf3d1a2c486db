/**
 * Anthropic's Messages API as clients send and receive it on `POST /v1/messages`
 * (Claude Code, the Anthropic SDKs). Only the fields the gateway reads are
 * typed; the rest passes through to a native (Anthropic, Bedrock) deployment.
 */

export interface MessageTextBlock {
  type: 'text';
  text: string;
  [key: string]: unknown;
}

export interface MessageImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  [key: string]: unknown;
}

export interface MessageToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  [key: string]: unknown;
}

export interface MessageToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<MessageTextBlock | MessageImageBlock>;
  is_error?: boolean;
  [key: string]: unknown;
}

export type MessageContentBlock = MessageTextBlock | MessageImageBlock | MessageToolUseBlock | MessageToolResultBlock | { type: string; [key: string]: unknown };

export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | MessageContentBlock[];
}

export interface MessageTool {
  /** Absent or `custom` for the caller's own tools; a server tool (`web_search_20250305`, …) otherwise. */
  type?: string;
  name: string;
  description?: string;
  input_schema?: Record<string, unknown>;
  [key: string]: unknown;
}

export type MessageToolChoice =
  | { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

/** The request, gateway fields already stripped. */
export interface MessagesRequest {
  model: string;
  max_tokens?: number;
  system?: string | MessageTextBlock[];
  messages: MessageParam[];
  tools?: MessageTool[];
  tool_choice?: MessageToolChoice;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stream?: boolean;
  metadata?: { user_id?: string };
  [key: string]: unknown;
}

/** `end_turn`, `max_tokens`, `stop_sequence`, `tool_use`, `pause_turn`, `refusal`, or one added later. */
export type MessageStopReason = string;

export interface MessageUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  [key: string]: unknown;
}

export interface MessageObject {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: MessageContentBlock[];
  stop_reason: MessageStopReason | null;
  stop_sequence: string | null;
  usage: MessageUsage;
  [key: string]: unknown;
}

/** One event of the Messages stream, by its `type` (also its SSE `event:` name). */
export interface MessageStreamEvent {
  type: string;
  [key: string]: unknown;
}

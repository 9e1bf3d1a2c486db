/**
 * The Bedrock Converse / ConverseStream / InvokeModel wire format, as far as
 * the gateway reads or writes it (docs: API_runtime_Converse, ConverseStreamOutput).
 */

export interface BedrockTextBlock {
  text: string;
}
export interface BedrockImageBlock {
  image: { format: 'png' | 'jpeg' | 'gif' | 'webp'; source: { bytes: string } };
}
export interface BedrockToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: unknown };
}
export interface BedrockToolResultBlock {
  toolResult: { toolUseId: string; content: Array<{ text: string } | { json: unknown }>; status?: 'success' | 'error' };
}
export interface BedrockReasoningBlock {
  reasoningContent: { reasoningText?: { text: string; signature?: string } };
}
export type BedrockContentBlock =
  | BedrockTextBlock
  | BedrockImageBlock
  | BedrockToolUseBlock
  | BedrockToolResultBlock
  | BedrockReasoningBlock;

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type BedrockToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface ConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockTextBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockToolSpec[]; toolChoice?: BedrockToolChoice };
}

export type BedrockStopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'model_context_window_exceeded'
  | string;

export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface ConverseResponse {
  output?: { message?: { role: string; content?: Array<Partial<BedrockTextBlock & BedrockToolUseBlock & BedrockReasoningBlock>> } };
  stopReason?: BedrockStopReason;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
}

/** The payload of one ConverseStream event; which fields are set depends on `:event-type`. */
export interface ConverseStreamEvent {
  role?: string;
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId: string; name: string } };
  delta?: { text?: string; toolUse?: { input?: string }; reasoningContent?: { text?: string; signature?: string } };
  stopReason?: BedrockStopReason;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  message?: string;
  Message?: string;
}

export type { AwsEventMessage } from '../shared/aws/aws-event-stream';

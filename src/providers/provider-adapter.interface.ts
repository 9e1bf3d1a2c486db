import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingRequest,
  EmbeddingResponse,
  ModerationRequest,
  ModerationResponse,
} from '../common/openai/openai.types';
import type { TextCompletion, TextCompletionChunk, TextCompletionRequest } from '../common/openai/text-completion.types';
import type { Deployment } from '../deployments/deployment';

/** What every upstream call is given besides the request. */
export interface CallOptions {
  /** Aborted when the client disconnects or the call's time runs out. */
  readonly signal: AbortSignal;
  /** Milliseconds this upstream call may take (to the first chunk, for a stream). */
  readonly timeoutMs: number;
  readonly requestId: string;
  /** Extra headers to pass upstream (e.g. `traceparent`). */
  readonly forwardHeaders?: Readonly<Record<string, string>>;
}

/**
 * A stream of OpenAI chunks. Adapters resolve `chatStream` only once the
 * provider accepted the call (so an error before the first chunk can still be
 * retried and answered as JSON); errors after that are thrown by the iterator.
 * A chunk with `usage` and no choices carries the usage; the gateway passes it
 * to the client only when `stream_options.include_usage` was asked.
 */
export type ChatStream = AsyncIterable<ChatCompletionChunk>;

/** A provider's own Responses API answer (OpenAI's `response` object), passed through. */
export interface NativeResponse {
  id: string;
  [key: string]: unknown;
}

/** One event of a provider's own Responses stream, passed through. */
export interface NativeResponseEvent {
  type: string;
  [key: string]: unknown;
}

/** A Responses API body, already stripped of gateway fields; `model` is replaced by the adapter. */
export type NativeResponseRequest = Record<string, unknown>;

/** An Anthropic Messages API body, already stripped of gateway fields; `model` is replaced by the adapter. */
export type NativeMessagesRequest = Record<string, unknown>;

/** A provider's own Messages API answer (Anthropic's `message` object), passed through. */
export interface NativeMessage {
  id: string;
  type: string;
  usage?: { input_tokens?: number; output_tokens?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** One event of a provider's own Messages stream (`message_start`, …), passed through. */
export interface NativeMessageEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * One provider's strategy. The request given to an adapter is already
 * stripped of gateway-only fields (`metadata`, `api_key`, `user_config`, …);
 * `deployment.params` already holds any client-side credentials. Adapters map
 * every upstream failure to a `GatewayError` in their own errors mapper.
 *
 * A capability a provider lacks is simply absent; the router answers 400 for it.
 */
export interface ProviderAdapter {
  /** The model prefix this adapter serves (`openai`, `azure`, …). */
  readonly name: string;
  chat?(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatCompletion>;
  chatStream?(request: ChatCompletionRequest, deployment: Deployment, options: CallOptions): Promise<ChatStream>;
  embeddings?(request: EmbeddingRequest, deployment: Deployment, options: CallOptions): Promise<EmbeddingResponse>;
  moderations?(request: ModerationRequest, deployment: Deployment, options: CallOptions): Promise<ModerationResponse>;
  /** OpenAI's Responses API, for providers that serve it themselves; others are bridged onto `chat`. */
  responses?(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<NativeResponse>;
  /** Resolves once the provider accepted the call, like `chatStream`. */
  responsesStream?(request: NativeResponseRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeResponseEvent>>;
  /**
   * The legacy Completions API (`/completions`), for servers that have it; any
   * deployment for which `servesCompletions` says no is bridged onto `chat`.
   */
  servesCompletions?(deployment: Deployment): boolean;
  completions?(request: TextCompletionRequest, deployment: Deployment, options: CallOptions): Promise<TextCompletion>;
  /** Resolves once the provider accepted the call, like `chatStream`; a usage-only chunk has no choices. */
  completionsStream?(request: TextCompletionRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<TextCompletionChunk>>;
  /**
   * Anthropic's Messages API, for deployments that serve it themselves
   * (`servesMessages`, else every deployment of the adapter); others are
   * bridged onto `chat`. The caller's `anthropic-beta` header, if any, is in
   * `options.forwardHeaders`.
   */
  messages?(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<NativeMessage>;
  /** Resolves once the provider accepted the call, like `chatStream`; an `error` event is thrown. */
  messagesStream?(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<AsyncIterable<NativeMessageEvent>>;
  /** The provider's own count of a Messages request's input tokens. */
  countMessageTokens?(request: NativeMessagesRequest, deployment: Deployment, options: CallOptions): Promise<{ input_tokens: number }>;
  /** Whether this deployment speaks the Messages API natively (Bedrock: its Anthropic models only). */
  servesMessages?(deployment: Deployment): boolean;
}

import type { OpenAIErrorBody } from '../openai/openai.types';

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'timeout'
  | 'api_error';

export interface GatewayErrorOptions {
  /** The request field at fault (`messages`, `model`, …). */
  param?: string | null;
  /** A stable machine-readable code (`model_not_found`, `context_length_exceeded`, …). */
  code?: string | null;
  /** The provider whose answer this error maps, when it came from upstream. */
  provider?: string;
  /** Overrides the class default: may the router try again (same or another deployment)? */
  retryable?: boolean;
  /** Seconds the caller should wait, from the provider's Retry-After or our own limits. */
  retryAfterSeconds?: number;
  /** HTTP status received from upstream, kept for logs and routing decisions. */
  upstreamStatus?: number;
  cause?: unknown;
}

/**
 * The one error hierarchy of the gateway. Every layer throws a subclass; the
 * global filter turns it into the OpenAI error body with `status`.
 */
export abstract class GatewayError extends Error {
  abstract readonly status: number;
  abstract readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly provider?: string;
  readonly retryAfterSeconds?: number;
  readonly upstreamStatus?: number;
  private readonly retryableOverride?: boolean;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.provider = options.provider;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.upstreamStatus = options.upstreamStatus;
    this.retryableOverride = options.retryable;
  }

  /** Whether the class of failure is worth another attempt; subclasses set the default. */
  protected get defaultRetryable(): boolean {
    return false;
  }

  get retryable(): boolean {
    return this.retryableOverride ?? this.defaultRetryable;
  }

  /** Sets the wait a caller is told when nothing set one (the router's estimate for a 429 without a hint). */
  estimateRetryAfter(seconds: number): this {
    if (this.retryAfterSeconds === undefined) (this as { retryAfterSeconds?: number }).retryAfterSeconds = seconds;
    return this;
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

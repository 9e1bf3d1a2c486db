import {
  AuthenticationError,
  BadGatewayError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  GatewayError,
  GatewayErrorOptions,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../../common/errors';
import { secretMasker } from '../../observability/redaction/secret-masker';
import { UpstreamResponse, headerValue } from './upstream-http.client';

/** What a provider's errors mapper extracted from an error response. */
export interface UpstreamErrorDetails {
  status: number;
  message: string;
  /** The provider's structured code or type, for logs and the `code` field. */
  code?: string | null;
  param?: string | null;
  /** Set by the provider mapper when its structured fields say so. */
  kind?: 'context_window' | 'content_policy' | 'overloaded' | 'rate_limit' | 'auth' | 'permission';
  retryAfterSeconds?: number;
}

/** `Retry-After` (seconds or HTTP date) or `retry-after-ms`, in seconds. */
export function parseRetryAfter(headers: UpstreamResponse['headers'], now = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms) / 1000);
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * The shared table from an upstream failure to the gateway's error classes.
 * Structured `kind` wins; then the HTTP status. A 5xx becomes 502, an
 * overloaded provider 503, and the provider's own message is kept, masked of
 * every secret the gateway knows (providers echo keys in their error texts).
 */
export function mapUpstreamError(provider: string, d: UpstreamErrorDetails): GatewayError {
  const opts: GatewayErrorOptions = {
    provider,
    param: d.param ?? null,
    code: d.code ? secretMasker.mask(d.code) : (d.code ?? null),
    upstreamStatus: d.status,
    retryAfterSeconds: d.retryAfterSeconds,
  };
  const message = secretMasker.mask(d.message || `${provider} returned HTTP ${d.status}`);
  switch (d.kind) {
    case 'context_window':
      return new ContextWindowExceededError(message, { ...opts, code: 'context_length_exceeded', param: d.param ?? 'messages' });
    case 'content_policy':
      return new ContentPolicyViolationError(message, { ...opts, code: 'content_policy_violation' });
    case 'overloaded':
      return new ServiceUnavailableError(message, opts);
    case 'rate_limit':
      return new RateLimitError(message, opts);
    case 'auth':
      return new AuthenticationError(message, opts);
    case 'permission':
      return new PermissionDeniedError(message, opts);
  }
  const s = d.status;
  if (s === 401) return new AuthenticationError(message, opts);
  if (s === 403) return new PermissionDeniedError(message, opts);
  if (s === 404) return new NotFoundError(message, opts);
  if (s === 408) return new TimeoutError(message, opts);
  if (s === 413) return new PayloadTooLargeError(message, opts);
  if (s === 429) return new RateLimitError(message, opts);
  if (s === 503 || s === 529) return new ServiceUnavailableError(message, opts);
  if (s === 409) return new BadGatewayError(message, { ...opts, retryable: true });
  if (s >= 400 && s < 500) return new InvalidRequestError(message, opts);
  return new BadGatewayError(message, opts);
}

import { GatewayError, TimeoutError } from '../../common/errors';
import { mapUpstreamError, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import type { UpstreamResponse } from '../shared/upstream-http.client';
import type { AnthropicErrorPayload } from './anthropic.types';

const PROVIDER = 'anthropic';

/** Anthropic's error `type` to the gateway's classification, and the HTTP status it documents for it. */
const ERROR_TYPES: Readonly<Record<string, { status: number; kind?: UpstreamErrorDetails['kind'] }>> = {
  invalid_request_error: { status: 400 },
  authentication_error: { status: 401, kind: 'auth' },
  billing_error: { status: 402 },
  permission_error: { status: 403, kind: 'permission' },
  not_found_error: { status: 404 },
  request_too_large: { status: 413 },
  rate_limit_error: { status: 429, kind: 'rate_limit' },
  api_error: { status: 500 },
  timeout_error: { status: 504 },
  overloaded_error: { status: 529, kind: 'overloaded' },
};

/**
 * Anthropic reports a prompt over the context window as a plain
 * invalid_request_error; its message is the only documented signal
 * ("prompt is too long: 210000 tokens > 200000 maximum").
 */
const CONTEXT_WINDOW_MESSAGE = /prompt is too long|exceeds? (the )?(model's )?context (window|limit)|context window/i;

/** An Anthropic error body (`{"type":"error","error":{...}}`) and its HTTP status to a GatewayError. */
export function mapAnthropicError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let payload: AnthropicErrorPayload | undefined;
  try {
    payload = (JSON.parse(bodyText) as { error?: AnthropicErrorPayload }).error;
  } catch {
    payload = undefined;
  }
  return fromPayload(status, payload, bodyText, retryHintSeconds(status, headers));
}

/** An `error` event inside a stream that began with HTTP 200: its type says what the status would have been. */
export function mapAnthropicStreamError(payload: AnthropicErrorPayload | undefined): GatewayError {
  const status = (payload?.type && ERROR_TYPES[payload.type]?.status) || 500;
  return fromPayload(status, payload, '', undefined);
}

function fromPayload(status: number, payload: AnthropicErrorPayload | undefined, bodyText: string, retryAfter: number | undefined): GatewayError {
  const type = payload?.type;
  const message = payload?.message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`);
  if (type === 'timeout_error') return new TimeoutError(message, { provider: PROVIDER, upstreamStatus: status, code: type });
  const details: UpstreamErrorDetails = {
    status,
    message,
    code: type ?? null,
    kind: type ? ERROR_TYPES[type]?.kind : undefined,
    retryAfterSeconds: retryAfter,
  };
  if ((type === 'invalid_request_error' || (!type && status === 400)) && CONTEXT_WINDOW_MESSAGE.test(message)) {
    details.kind = 'context_window';
  }
  return mapUpstreamError(PROVIDER, details);
}

import type { GatewayError } from '../errors';

/** Anthropic's error types; its SDKs choose their error class by the HTTP status, and show the type. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string; param?: string; code?: string };
}

/** The gateway's status (SPEC 5, unchanged) to Anthropic's type for it. */
const TYPE_BY_STATUS: Readonly<Record<number, AnthropicErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(error: Pick<GatewayError, 'status'>): AnthropicErrorType {
  return TYPE_BY_STATUS[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
}

/**
 * `{"type": "error", "error": {"type", "message"}}` for the routes of
 * Anthropic's API (SPEC 5); the gateway's `param` and `code` ride along when
 * set, so a client can still tell which field was at fault.
 */
export function toAnthropicErrorBody(error: GatewayError): AnthropicErrorBody {
  return {
    type: 'error',
    error: {
      type: anthropicErrorType(error),
      message: error.message,
      ...(error.param ? { param: error.param } : {}),
      ...(error.code ? { code: error.code } : {}),
    },
  };
}

/** The routes that answer in Anthropic's format: `/v1/messages` and everything under it. */
export function isAnthropicRoute(path: string | undefined): boolean {
  return path !== undefined && /^\/v1\/messages(\/|$|\?)/.test(path);
}

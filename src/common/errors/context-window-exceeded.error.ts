import { GatewayError, GatewayErrorOptions } from './gateway-error';

/** 400: the prompt does not fit the model's context window; routes to context_window_fallbacks. */
export class ContextWindowExceededError extends GatewayError {
  readonly status: number = 400;
  readonly type = 'invalid_request_error' as const;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, { code: 'context_length_exceeded', ...options });
  }
}

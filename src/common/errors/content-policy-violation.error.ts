import { GatewayError, GatewayErrorOptions } from './gateway-error';

/** 400: a provider's content filter refused the input or output; routes to content_policy_fallbacks. */
export class ContentPolicyViolationError extends GatewayError {
  readonly status: number = 400;
  readonly type = 'invalid_request_error' as const;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, { code: 'content_policy_violation', ...options });
  }
}

import { GatewayError, GatewayErrorOptions } from './gateway-error';

/** 404: no deployment serves the requested model name. */
export class ModelNotFoundError extends GatewayError {
  readonly status: number = 404;
  readonly type = 'invalid_request_error' as const;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, { code: 'model_not_found', ...options });
  }
}

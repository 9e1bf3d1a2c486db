import { GatewayError } from './gateway-error';

/** 413: the request body is larger than general_settings.max_request_size_mb. */
export class PayloadTooLargeError extends GatewayError {
  readonly status: number = 413;
  readonly type = 'invalid_request_error' as const;
}

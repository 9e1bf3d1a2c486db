import { GatewayError } from './gateway-error';

/** 400: bad JSON, failed validation (param names the field), a request the provider refused. */
export class InvalidRequestError extends GatewayError {
  readonly status: number = 400;
  readonly type = 'invalid_request_error' as const;
}

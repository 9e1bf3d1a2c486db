import { GatewayError } from './gateway-error';

/** 404: unknown route, or a resource the provider does not know. */
export class NotFoundError extends GatewayError {
  readonly status: number = 404;
  readonly type = 'invalid_request_error' as const;
}

import { GatewayError } from './gateway-error';

/** 401: missing or wrong gateway key, or the provider rejected the key. */
export class AuthenticationError extends GatewayError {
  readonly status: number = 401;
  readonly type = 'authentication_error' as const;
}

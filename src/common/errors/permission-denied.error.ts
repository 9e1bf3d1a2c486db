import { GatewayError } from './gateway-error';

/** 403: the key may not do this, or client-side credentials are not allowed. */
export class PermissionDeniedError extends GatewayError {
  readonly status: number = 403;
  readonly type = 'permission_error' as const;
}

import { GatewayError } from './gateway-error';

/** 500: the gateway's own fault. The message is generic: never a stack or a secret. */
export class InternalGatewayError extends GatewayError {
  readonly status: number = 500;
  readonly type = 'api_error' as const;
}

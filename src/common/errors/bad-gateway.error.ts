import { GatewayError } from './gateway-error';

/** 502: the provider was unreachable, failed, or answered something that is not its protocol. */
export class BadGatewayError extends GatewayError {
  readonly status: number = 502;
  readonly type = 'api_error' as const;

  protected override get defaultRetryable(): boolean {
    return true;
  }
}

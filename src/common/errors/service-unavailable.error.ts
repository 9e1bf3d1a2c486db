import { GatewayError } from './gateway-error';

/** 503: every deployment of the model is cooling down or over its limits, or the provider is overloaded. */
export class ServiceUnavailableError extends GatewayError {
  readonly status: number = 503;
  readonly type = 'api_error' as const;

  protected override get defaultRetryable(): boolean {
    return true;
  }
}

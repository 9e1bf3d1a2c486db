import { GatewayError } from './gateway-error';

/** 429: a provider or deployment limit; the filter sets Retry-After. */
export class RateLimitError extends GatewayError {
  readonly status: number = 429;
  readonly type = 'rate_limit_error' as const;

  protected override get defaultRetryable(): boolean {
    return true;
  }
}

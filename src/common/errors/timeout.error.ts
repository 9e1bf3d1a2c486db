import { GatewayError, GatewayErrorOptions } from './gateway-error';

/** 408: the upstream call (or the whole routed call) ran out of time. */
export class TimeoutError extends GatewayError {
  readonly status: number = 408;
  readonly type = 'timeout' as const;

  protected override get defaultRetryable(): boolean {
    return true;
  }

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, { code: 'timeout', ...options });
  }
}

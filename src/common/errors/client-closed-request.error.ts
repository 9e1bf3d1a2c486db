import { GatewayError } from './gateway-error';

/** 499 (nginx's convention): the client went away. Never sent; recorded for logs and events. */
export class ClientClosedRequestError extends GatewayError {
  readonly status: number = 499;
  readonly type = 'api_error' as const;
}

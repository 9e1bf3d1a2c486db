import { GatewayError } from './gateway-error';

/** 415: a `Content-Encoding` or charset the gateway cannot decode. */
export class UnsupportedMediaTypeError extends GatewayError {
  readonly status: number = 415;
  readonly type = 'invalid_request_error' as const;
}

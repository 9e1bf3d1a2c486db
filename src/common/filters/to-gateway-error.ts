import { HttpException } from '@nestjs/common';
import {
  AuthenticationError,
  GatewayError,
  InternalGatewayError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnsupportedMediaTypeError,
} from '../errors';
import { secretMasker } from '../../observability/redaction/secret-masker';

/**
 * Whatever was thrown, the GatewayError the client will see. Errors that are
 * not ours (Nest's, Express body parsing, bugs) are mapped here, once. Its
 * message and code are masked of every secret the gateway knows, the
 * caller's own (`callerSecrets`) included: a provider may echo them.
 */
export function toGatewayError(err: unknown, callerSecrets?: readonly string[]): GatewayError {
  return secretMasker.maskError(mapToGatewayError(err), callerSecrets);
}

function mapToGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  // body-parser's errors reach us raw or wrapped by Nest (since Nest 12 in an HttpException, the original as `cause`).
  const e = (err instanceof HttpException && typeof (err.cause as { type?: unknown } | undefined)?.type === 'string' ? err.cause : err) as
    | { type?: string; status?: number; statusCode?: number; message?: string }
    | undefined;
  if (e?.type === 'entity.too.large' || e?.status === 413 || e?.statusCode === 413) {
    return new PayloadTooLargeError('Request body is larger than the gateway allows (general_settings.max_request_size_mb)', { code: 'request_too_large' });
  }
  if (e?.type === 'entity.parse.failed' || e instanceof SyntaxError) {
    return new InvalidRequestError('We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.', { code: 'invalid_json' });
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported' || e?.status === 415 || e?.statusCode === 415) {
    return new UnsupportedMediaTypeError('Unsupported request body encoding', { code: 'unsupported_encoding' });
  }
  const bodyError = bodyReadError(err);
  if (bodyError) return bodyError;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const message = httpExceptionMessage(err);
    if (status === 400 && /JSON/i.test(message)) {
      return new InvalidRequestError('We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.', { code: 'invalid_json' });
    }
    if (status === 404) return new NotFoundError(message.replace(/^Cannot (\w+) (.*)$/, 'Unknown route: $1 $2'), { code: 'not_found' });
    if (status === 401) return new AuthenticationError(message);
    if (status === 403) return new PermissionDeniedError(message);
    if (status === 413) return new PayloadTooLargeError(message);
    if (status === 429) return new RateLimitError(message);
    if (status >= 400 && status < 500) return new InvalidRequestError(message);
  }
  return new InternalGatewayError('The gateway hit an internal error while handling this request.', { cause: err });
}

/**
 * The rest of body-parser's errors (raw or wrapped, with a `type` such as
 * `request.aborted` or `request.size.invalid`) and zlib's for data that is
 * not its `Content-Encoding`: the client's fault, a 400.
 */
function bodyReadError(err: unknown): GatewayError | undefined {
  if (err === null || typeof err !== 'object' || err instanceof HttpException) return undefined;
  const e = err as { type?: unknown; status?: unknown; code?: unknown; errno?: unknown };
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new InvalidRequestError('The request body is not valid data for its Content-Encoding', { code: 'invalid_content_encoding' });
  }
  if (typeof e.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new InvalidRequestError('The request body could not be read', { code: e.type.replace(/\W+/g, '_') });
  }
  return undefined;
}

function httpExceptionMessage(err: HttpException): string {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : err.message;
}

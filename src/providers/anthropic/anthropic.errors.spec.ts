import {
  AuthenticationError,
  BadGatewayError,
  ContextWindowExceededError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../../common/errors';
import { mapAnthropicError, mapAnthropicStreamError } from './anthropic.errors';

const body = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message } });

describe('mapAnthropicError', () => {
  it.each([
    [400, 'invalid_request_error', 'max_tokens: Field required', InvalidRequestError, 400],
    [401, 'authentication_error', 'invalid x-api-key', AuthenticationError, 401],
    [403, 'permission_error', 'no access', PermissionDeniedError, 403],
    [404, 'not_found_error', 'model: nope', NotFoundError, 404],
    [413, 'request_too_large', 'Request exceeds the maximum size', PayloadTooLargeError, 413],
    [429, 'rate_limit_error', 'slow down', RateLimitError, 429],
    [500, 'api_error', 'Internal server error', BadGatewayError, 502],
    [529, 'overloaded_error', 'Overloaded', ServiceUnavailableError, 503],
    [504, 'timeout_error', 'Request timed out', TimeoutError, 408],
    // The structured type wins over an odd status.
    [400, 'overloaded_error', 'Overloaded', ServiceUnavailableError, 503],
  ])('HTTP %i %s -> %p (%i)', (status, type, message, cls, gatewayStatus) => {
    const err = mapAnthropicError(status, body(type, message), {});
    expect(err).toBeInstanceOf(cls);
    expect(err.status).toBe(gatewayStatus);
    expect(err.message).toBe(message);
    expect(err.provider).toBe('anthropic');
  });

  it.each([
    'prompt is too long: 208310 tokens > 200000 maximum',
    'input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000',
  ])('context-window message %j -> context_length_exceeded', (message) => {
    const err = mapAnthropicError(400, body('invalid_request_error', message), {});
    expect(err).toBeInstanceOf(ContextWindowExceededError);
    expect(err).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('does not read context-window text from other error types', () => {
    expect(mapAnthropicError(500, body('api_error', 'prompt is too long'), {})).toBeInstanceOf(BadGatewayError);
  });

  it('keeps retry-after from the headers', () => {
    expect(mapAnthropicError(429, body('rate_limit_error', 'x'), { 'retry-after': '30' }).retryAfterSeconds).toBe(30);
  });

  it('falls back to the status and the raw body when the body is not Anthropic JSON', () => {
    const err = mapAnthropicError(502, '<html>bad gateway</html>', {});
    expect(err).toBeInstanceOf(BadGatewayError);
    expect(err.message).toContain('bad gateway');
    expect(mapAnthropicError(401, '', {})).toBeInstanceOf(AuthenticationError);
  });
});

describe('mapAnthropicStreamError', () => {
  it.each([
    ['overloaded_error', ServiceUnavailableError],
    ['rate_limit_error', RateLimitError],
    ['api_error', BadGatewayError],
    ['invalid_request_error', InvalidRequestError],
    ['brand_new_error', BadGatewayError],
  ])('%s -> %p', (type, cls) => {
    expect(mapAnthropicStreamError({ type, message: 'm' })).toBeInstanceOf(cls);
  });

  it('an event without a payload is a 502', () => {
    expect(mapAnthropicStreamError(undefined).status).toBe(502);
  });
});

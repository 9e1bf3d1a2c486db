import { GatewayError } from '../../common/errors';
import { mapBedrockError, mapBedrockStreamException, normalizeErrorType } from './bedrock.errors';

const header = (type: string) => ({ 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
const body = (message: string) => JSON.stringify({ message });

describe('mapBedrockError', () => {
  it.each([
    ['ThrottlingException', 429, 429, 'rate_limit_error', true],
    ['ServiceQuotaExceededException', 400, 429, 'rate_limit_error', true],
    ['ValidationException', 400, 400, 'invalid_request_error', false],
    ['AccessDeniedException', 403, 403, 'permission_error', false],
    ['UnrecognizedClientException', 403, 401, 'authentication_error', false],
    ['InvalidSignatureException', 403, 401, 'authentication_error', false],
    ['ExpiredTokenException', 403, 401, 'authentication_error', false],
    ['ResourceNotFoundException', 404, 404, 'invalid_request_error', false],
    ['ModelNotReadyException', 429, 503, 'api_error', true],
    ['ServiceUnavailableException', 503, 503, 'api_error', true],
    ['ModelTimeoutException', 408, 408, 'timeout', true],
    ['InternalServerException', 500, 502, 'api_error', true],
    ['ModelErrorException', 424, 502, 'api_error', true],
  ])('%s (HTTP %i) → %i %s', (type, http, status, errType, retryable) => {
    const err = mapBedrockError(http, body('provider says no'), header(type));
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable, message: err.message, provider: err.provider }).toEqual({
      status,
      type: errType,
      code: type,
      retryable,
      message: 'provider says no',
      provider: 'bedrock',
    });
  });

  it.each([
    'Input is too long for requested model.',
    '400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count: 9000',
    'prompt is too long: 210000 tokens > 200000 maximum',
    'The model returned the following errors: input length and `max_tokens` exceed context limit: 198000 + 4096 > 200000',
  ])('a ValidationException saying %j is the context-window error', (message) => {
    const err = mapBedrockError(400, body(message), header('ValidationException'));
    expect(err).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
    expect(err.constructor.name).toBe('ContextWindowExceededError');
  });

  it('reads message text only for ValidationException: a throttle that mentions tokens stays a 429', () => {
    const err = mapBedrockError(429, body('Too many tokens, please wait before trying again.'), header('ThrottlingException'));
    expect(err).toMatchObject({ status: 429, code: 'ThrottlingException' });
  });

  it('takes the type from the body __type when the header is absent', () => {
    const err = mapBedrockError(400, JSON.stringify({ __type: 'com.amazon.coral.validate#AccessDeniedException', Message: 'denied' }), {});
    expect(err).toMatchObject({ status: 403, code: 'AccessDeniedException', message: 'denied' });
  });

  it('keeps Retry-After', () => {
    expect(mapBedrockError(429, body('slow down'), { ...header('ThrottlingException'), 'retry-after': '12' }).retryAfterSeconds).toBe(12);
  });

  it.each([
    [401, 401],
    [418, 400],
    [500, 502],
    [503, 503],
  ])('falls back to the HTTP status %i → %i for an unknown or missing type', (http, status) => {
    expect(mapBedrockError(http, 'not json at all', {}).status).toBe(status);
  });

  it('keeps a non-JSON body as the message, bounded', () => {
    const err = mapBedrockError(502, 'x'.repeat(2000), {});
    expect(err.message).toHaveLength(500);
  });
});

describe('mapBedrockStreamException', () => {
  it.each([
    ['throttlingException', 429],
    ['validationException', 400],
    ['serviceUnavailableException', 503],
    ['internalServerException', 502],
    ['modelStreamErrorException', 502],
    ['somethingElseException', 502],
  ])(':exception-type %s → %i', (type, status) => {
    const err = mapBedrockStreamException({ ':message-type': 'exception', ':exception-type': type }, body('boom'));
    expect(err.status).toBe(status);
    expect(err.message).toBe('boom');
  });

  it('reads :error-code / :error-message of an error message', () => {
    const err = mapBedrockStreamException({ ':message-type': 'error', ':error-code': 'ThrottlingException', ':error-message': 'slow' }, '');
    expect(err).toMatchObject({ status: 429, message: 'slow' });
  });
});

describe('normalizeErrorType', () => {
  it.each([
    ['ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/', 'ThrottlingException'],
    ['com.amazon.coral.service#ValidationException', 'ValidationException'],
    ['throttlingException', 'ThrottlingException'],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeErrorType(raw)).toBe(expected);
  });
});

describe('mapBedrockError: throttling hints', () => {
  it('a ThrottlingException is a retryable 429; its Retry-After is kept when AWS sends one', () => {
    const err = mapBedrockError(429, JSON.stringify({ message: 'Too many requests, please wait before trying again.' }), {
      'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      'retry-after': '3',
    });
    expect({ status: err.status, type: err.type, retryable: err.retryable, retryAfter: err.retryAfterSeconds }).toEqual({ status: 429, type: 'rate_limit_error', retryable: true, retryAfter: 3 });
  });

  it('without a hint it leaves the estimate to the router (never a made-up number here)', () => {
    expect(mapBedrockError(429, '{"message":"slow down"}', { 'x-amzn-errortype': 'ThrottlingException' }).retryAfterSeconds).toBeUndefined();
  });
});

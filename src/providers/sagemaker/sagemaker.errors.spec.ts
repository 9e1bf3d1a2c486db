import { GatewayError } from '../../common/errors';
import { mapSageMakerError, mapSageMakerStreamException, mapTgiStreamError } from './sagemaker.errors';

const header = (type: string) => ({ 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/` });
const body = (message: string) => JSON.stringify({ message });
const modelError = (original: number, originalMessage: string) =>
  JSON.stringify({
    ErrorCode: original < 500 ? 'CLIENT_ERROR_FROM_MODEL' : 'SERVER_ERROR_FROM_MODEL',
    LogStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/ep',
    Message: `Received error (${original}) from primary with message "${originalMessage}".`,
    OriginalMessage: originalMessage,
    OriginalStatusCode: original,
  });
const tgiError = (error: string, error_type: string) => JSON.stringify({ error, error_type });

describe('mapSageMakerError', () => {
  it.each([
    ['ValidationError', 400, 400, 'invalid_request_error', false],
    ['ThrottlingException', 400, 429, 'rate_limit_error', true],
    ['AccessDeniedException', 400, 403, 'permission_error', false],
    ['AccessDenied', 403, 403, 'permission_error', false],
    ['UnrecognizedClientException', 403, 401, 'authentication_error', false],
    ['InvalidSignatureException', 403, 401, 'authentication_error', false],
    ['ExpiredTokenException', 400, 401, 'authentication_error', false],
    ['InvalidClientTokenId', 403, 401, 'authentication_error', false],
    ['ModelNotReadyException', 429, 503, 'api_error', true],
    ['ServiceUnavailable', 503, 503, 'api_error', true],
    ['InternalFailure', 500, 502, 'api_error', true],
    ['InternalDependencyException', 530, 502, 'api_error', true],
  ])('%s (HTTP %i) → %i %s', (type, http, status, errType, retryable) => {
    const err = mapSageMakerError(http, body('provider says no'), header(type));
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable, message: err.message, provider: err.provider }).toEqual({
      status,
      type: errType,
      code: type,
      retryable,
      message: 'provider says no',
      provider: 'sagemaker',
    });
  });

  it('reads `Message` as well as `message`, and keeps Retry-After', () => {
    const err = mapSageMakerError(400, JSON.stringify({ Message: 'Rate exceeded' }), { ...header('ThrottlingException'), 'retry-after': '7' });
    expect(err).toMatchObject({ status: 429, message: 'Rate exceeded', retryAfterSeconds: 7 });
  });

  it('maps a missing endpoint to 404', () => {
    const err = mapSageMakerError(400, body('Endpoint my-ep of account 123456789012 not found.'), header('ValidationError'));
    expect(err).toMatchObject({ status: 404, code: 'ValidationError', message: 'Endpoint my-ep of account 123456789012 not found.' });
  });

  it.each([
    ['TGI: inputs + max_new_tokens', 422, tgiError('Input validation error: `inputs` tokens + `max_new_tokens` must be <= 8192. Given: 8000 `inputs` tokens and 500 `max_new_tokens`', 'validation')],
    ['TGI: inputs too long', 422, tgiError('Input validation error: `inputs` must have less than 4096 tokens. Given: 5000', 'validation')],
    ['TEI ≥ 1.9', 422, tgiError('Input validation error: `inputs` must have less than 512 tokens. Given: 600', 'Validation')],
    ['TEI < 1.9', 413, tgiError('Input validation error: `inputs` must have less than 512 tokens. Given: 600', 'Validation')],
  ])('a ModelError with the context-window text of %s is context_length_exceeded', (_label, original, message) => {
    const err = mapSageMakerError(424, modelError(original, message), header('ModelError'));
    expect(err).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
    expect(err.constructor.name).toBe('ContextWindowExceededError');
    expect(err.message).toContain('`inputs`');
  });

  it('points an embeddings context-window error at input', () => {
    const err = mapSageMakerError(424, modelError(413, tgiError('Input validation error: `inputs` must have less than 512 tokens. Given: 600', 'Validation')), header('ModelError'), 'input');
    expect(err).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'input' });
  });

  it.each([
    [422, tgiError('Input validation error: `top_p` must be > 0.0 and < 1.0', 'validation'), 400, '`top_p` must be > 0.0 and < 1.0'],
    [400, tgiError('Input validation error: `inputs` cannot be empty', 'Empty'), 400, '`inputs` cannot be empty'],
    [404, '{"detail":"Not Found"}', 400, 'Not Found'],
    [429, tgiError('Model is overloaded', 'overloaded'), 503, 'Model is overloaded'],
    [429, '{"message":"too many requests"}', 429, 'too many requests'],
    [424, tgiError('Request failed during generation: Server error: CUDA OOM', 'generation'), 502, 'CUDA OOM'],
    [500, tgiError('Incomplete generation', 'incomplete_generation'), 502, 'Incomplete generation'],
    [500, 'plain text failure', 502, 'plain text failure'],
    [503, '{"error":{"message":"warming up"}}', 503, 'warming up'],
    [408, '{"message":"slow"}', 408, 'slow'],
  ])('a ModelError with the container status %i (%s) → %i, keeping its message', (original, originalMessage, status, message) => {
    const err = mapSageMakerError(424, modelError(original, originalMessage), header('ModelError'));
    expect(err).toMatchObject({ status, code: 'ModelError', message: expect.stringContaining(message), provider: 'sagemaker' });
    expect(err.code).not.toBe('context_length_exceeded');
  });

  it('reads a ModelError body without the header by its OriginalStatusCode', () => {
    expect(mapSageMakerError(424, modelError(422, tgiError('Input validation error: bad', 'validation')), {}).status).toBe(400);
  });

  it('reads message text only where structure says where: a throttle that mentions tokens stays a 429', () => {
    const err = mapSageMakerError(400, body('`inputs` must have less than 10 tokens'), header('ThrottlingException'));
    expect(err).toMatchObject({ status: 429, code: 'ThrottlingException' });
  });

  it.each([
    [401, 401],
    [418, 400],
    [500, 502],
    [503, 503],
  ])('falls back to the HTTP status %i → %i for an unknown or missing type', (http, status) => {
    expect(mapSageMakerError(http, 'not json at all', {}).status).toBe(status);
  });
});

describe('mapSageMakerStreamException', () => {
  it.each([
    ['ModelStreamError', { Message: 'broke', ErrorCode: 'StreamBroken' }, 502],
    ['ModelStreamError', { Message: 'too slow', ErrorCode: 'ModelInvocationTimeExceeded' }, 408],
    ['InternalStreamFailure', { Message: 'oops' }, 502],
    ['ThrottlingException', { message: 'slow down' }, 429],
    ['SomethingNew', { message: 'x' }, 502],
  ])(':exception-type %s → %i', (type, payload, status) => {
    const err = mapSageMakerStreamException({ ':message-type': 'exception', ':exception-type': type }, JSON.stringify(payload));
    expect(err.status).toBe(status);
    expect(err.code).toBe(type);
  });
});

describe('mapTgiStreamError', () => {
  it.each([
    [{ error: { message: 'Request failed during generation: Server error: OOM', http_status_code: 422 } }, 502, null],
    [{ error: { message: 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 100. Given: 90 `inputs` tokens and 20 `max_new_tokens`', http_status_code: 422 } }, 400, 'context_length_exceeded'],
    [{ error: { message: 'Input validation error: `stop` supports up to 4 stop sequences. Given: 5', http_status_code: 422 } }, 400, null],
    [{ error: { message: 'Model is overloaded', http_status_code: 422 } }, 503, null],
    [{ error: 'Request failed during generation: x', error_type: 'generation' }, 502, 'generation'],
    [{ error: 'Model is overloaded', error_type: 'overloaded' }, 503, 'overloaded'],
    [{ error: 'Input validation error: x', error_type: 'validation' }, 400, 'validation'],
  ])('%j → %i', (event, status, code) => {
    const err = mapTgiStreamError(event);
    expect(err.status).toBe(status);
    expect(err.code).toBe(code);
  });
});

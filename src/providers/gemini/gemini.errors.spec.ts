import { GatewayError } from '../../common/errors';
import { mapGeminiError, parseRetryDelay } from './gemini.errors';

const body = (code: number, status: string, message: string, details?: unknown[]) => JSON.stringify({ error: { code, status, message, ...(details ? { details } : {}) } });

describe('mapGeminiError', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', 400, 'invalid_request_error', false],
    [400, 'FAILED_PRECONDITION', 400, 'invalid_request_error', false],
    [401, 'UNAUTHENTICATED', 401, 'authentication_error', false],
    [403, 'PERMISSION_DENIED', 403, 'permission_error', false],
    [404, 'NOT_FOUND', 404, 'invalid_request_error', false],
    [429, 'RESOURCE_EXHAUSTED', 429, 'rate_limit_error', true],
    [503, 'UNAVAILABLE', 503, 'api_error', true],
    [504, 'DEADLINE_EXCEEDED', 408, 'timeout', true],
    [500, 'INTERNAL', 502, 'api_error', true],
    [500, 'UNKNOWN', 502, 'api_error', true],
    [409, 'ABORTED', 502, 'api_error', true],
  ])('HTTP %i %s → %i %s', (http, status, gwStatus, type, retryable) => {
    const err = mapGeminiError(http, body(http, status, 'upstream words'), {});
    expect(err).toBeInstanceOf(GatewayError);
    expect({ status: err.status, type: err.type, code: err.code, retryable: err.retryable, message: err.message, provider: err.provider }).toEqual({
      status: gwStatus,
      type,
      code: status,
      retryable,
      message: 'upstream words',
      provider: 'gemini',
    });
  });

  it('classifies by the structured status even when the HTTP status disagrees', () => {
    expect(mapGeminiError(400, body(400, 'RESOURCE_EXHAUSTED', 'quota'), {}).status).toBe(429);
    expect(mapGeminiError(500, body(500, 'UNAVAILABLE', 'busy'), {}).status).toBe(503);
  });

  it('an API_KEY_INVALID ErrorInfo under INVALID_ARGUMENT is a 401', () => {
    const err = mapGeminiError(400, body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]), {});
    expect(err).toMatchObject({ status: 401, type: 'authentication_error', code: 'API_KEY_INVALID' });
  });

  it.each([
    'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    'Request payload: input token count 40000 exceeds the limit of 32768',
  ])('INVALID_ARGUMENT %j is the context-window error', (message) => {
    expect(mapGeminiError(400, body(400, 'INVALID_ARGUMENT', message), {})).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('reads message text only for INVALID_ARGUMENT', () => {
    expect(mapGeminiError(429, body(429, 'RESOURCE_EXHAUSTED', 'too many tokens per minute'), {}).code).toBe('RESOURCE_EXHAUSTED');
  });

  it('takes RetryInfo.retryDelay first, Retry-After second', () => {
    const retry = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' }];
    expect(mapGeminiError(429, body(429, 'RESOURCE_EXHAUSTED', 'q', retry), { 'retry-after': '9' }).retryAfterSeconds).toBe(2.5);
    expect(mapGeminiError(429, body(429, 'RESOURCE_EXHAUSTED', 'q'), { 'retry-after': '9' }).retryAfterSeconds).toBe(9);
  });

  it('reads an error wrapped in an array (streamGenerateContent without alt=sse)', () => {
    expect(mapGeminiError(429, JSON.stringify([{ error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'q' } }]), {}).status).toBe(429);
  });

  it.each([
    [401, 401],
    [413, 413],
    [502, 502],
  ])('falls back to the HTTP status %i → %i for a body that is not Google JSON', (http, status) => {
    const err = mapGeminiError(http, '<html>bad gateway</html>', {});
    expect(err.status).toBe(status);
    expect(err.message).toContain('bad gateway');
  });

  it('maps a stream error event without an HTTP status by its code and status', () => {
    expect(mapGeminiError(undefined, body(500, 'INTERNAL', 'x'), {}).status).toBe(502);
  });
});

describe('parseRetryDelay', () => {
  it.each([
    ['37s', 37],
    ['0.5s', 0.5],
    [' 3s ', 3],
    ['3', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, seconds) => {
    expect(parseRetryDelay(input)).toBe(seconds);
  });
});

describe('mapGeminiError: RESOURCE_EXHAUSTED hints', () => {
  const body = (details: unknown[]) => JSON.stringify({ error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED', details } });

  it('RetryInfo.retryDelay wins over headers', () => {
    const err = mapGeminiError(429, body([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }]), { 'retry-after': '5' });
    expect({ status: err.status, retryAfter: err.retryAfterSeconds }).toEqual({ status: 429, retryAfter: 37 });
  });

  it('falls back to Retry-After, then to nothing (the router estimates)', () => {
    expect(mapGeminiError(429, body([]), { 'retry-after': '5' }).retryAfterSeconds).toBe(5);
    expect(mapGeminiError(429, body([]), {}).retryAfterSeconds).toBeUndefined();
  });
});

import {
  AuthenticationError,
  BadGatewayError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../../common/errors';
import { mapCohereError } from './cohere.errors';

describe('mapCohereError', () => {
  it.each([
    [400, InvalidRequestError, 400],
    [401, AuthenticationError, 401],
    [402, InvalidRequestError, 400],
    [403, PermissionDeniedError, 403],
    [404, NotFoundError, 404],
    [408, TimeoutError, 408],
    [422, InvalidRequestError, 400],
    [429, RateLimitError, 429],
    [498, AuthenticationError, 401],
    [500, BadGatewayError, 502],
    [503, ServiceUnavailableError, 503],
    [504, BadGatewayError, 502],
  ])('HTTP %i -> %p (%i), keeping the message', (status, cls, gatewayStatus) => {
    const err = mapCohereError(status, JSON.stringify({ id: 'x', message: 'the reason' }), {});
    expect(err).toBeInstanceOf(cls);
    expect(err.status).toBe(gatewayStatus);
    expect(err.message).toBe('the reason');
    expect(err.provider).toBe('cohere');
  });

  it('keeps retry-after', () => {
    expect(mapCohereError(429, '{"message":"slow"}', { 'retry-after': '4' }).retryAfterSeconds).toBe(4);
  });

  it('uses the raw body, or the status, when the body is not Cohere JSON', () => {
    expect(mapCohereError(502, 'Bad Gateway', {}).message).toBe('Bad Gateway');
    expect(mapCohereError(500, '', {}).message).toBe('cohere returned HTTP 500');
  });
});

describe('mapCohereError: context window and rate-limit hints', () => {
  it("maps Cohere's `too many tokens` 400 to context_length_exceeded", () => {
    const err = mapCohereError(400, JSON.stringify({ message: 'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 5227' }), {});
    expect({ status: err.status, code: err.code, param: err.param }).toEqual({ status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('keeps a plain 400 a plain 400', () => {
    expect(mapCohereError(400, JSON.stringify({ message: 'invalid request: message must not be empty' }), {}).code).toBeNull();
  });

  it('reads the rate window reset of a 429 when no Retry-After came', () => {
    expect(mapCohereError(429, '{"message":"You are using a Trial key"}', { 'x-ratelimit-reset': '12' }).retryAfterSeconds).toBe(12);
  });
});

import { AuthenticationError, BadGatewayError, InvalidRequestError, NotFoundError, RateLimitError, ServiceUnavailableError } from '../../common/errors';
import { mapOllamaError, mapOllamaStreamError } from './ollama.errors';

describe('mapOllamaError', () => {
  it.each([
    [400, InvalidRequestError, 400],
    [401, AuthenticationError, 401],
    [404, NotFoundError, 404],
    [429, RateLimitError, 429],
    [500, BadGatewayError, 502],
    [503, ServiceUnavailableError, 503],
  ])('HTTP %i -> %p (%i) with the message from `error`', (status, cls, gatewayStatus) => {
    const err = mapOllamaError(status, JSON.stringify({ error: 'why' }), {});
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ status: gatewayStatus, message: 'why', provider: 'ollama' });
  });

  it('404 is model_not_found on param model', () => {
    expect(mapOllamaError(404, '{"error":"model \\"x\\" not found, try pulling it first"}', {})).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(mapOllamaError(400, '{"error":"bad"}', {})).toMatchObject({ code: null, param: null });
  });

  it('keeps retry-after and falls back to the raw body', () => {
    expect(mapOllamaError(429, '{"error":"busy"}', { 'retry-after': '9' }).retryAfterSeconds).toBe(9);
    expect(mapOllamaError(502, 'Bad Gateway', {}).message).toBe('Bad Gateway');
    expect(mapOllamaError(500, '', {}).message).toBe('ollama returned HTTP 500');
  });
});

describe('mapOllamaStreamError', () => {
  it('is a retryable 502', () => {
    const err = mapOllamaStreamError('boom');
    expect(err).toBeInstanceOf(BadGatewayError);
    expect(err.retryable).toBe(true);
  });
});

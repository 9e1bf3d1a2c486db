import { mapUpstreamError, parseRetryAfter } from './upstream-error.mapper';

describe('mapUpstreamError', () => {
  it.each([
    [400, undefined, 400, 'invalid_request_error', false],
    [401, undefined, 401, 'authentication_error', false],
    [403, undefined, 403, 'permission_error', false],
    [404, undefined, 404, 'invalid_request_error', false],
    [408, undefined, 408, 'timeout', true],
    [409, undefined, 502, 'api_error', true],
    [422, undefined, 400, 'invalid_request_error', false],
    [429, undefined, 429, 'rate_limit_error', true],
    [500, undefined, 502, 'api_error', true],
    [502, undefined, 502, 'api_error', true],
    [503, undefined, 503, 'api_error', true],
    [529, undefined, 503, 'api_error', true],
    [400, 'context_window', 400, 'invalid_request_error', false],
    [400, 'content_policy', 400, 'invalid_request_error', false],
    [500, 'overloaded', 503, 'api_error', true],
  ] as const)('HTTP %s (%s) → %s %s, retryable %s', (status, kind, outStatus, type, retryable) => {
    const e = mapUpstreamError('p', { status, message: 'provider said so', kind });
    expect({ status: e.status, type: e.type, retryable: e.retryable, message: e.message }).toEqual({ status: outStatus, type, retryable, message: 'provider said so' });
  });

  it('sets the codes fallbacks rely on', () => {
    expect(mapUpstreamError('p', { status: 400, message: 'm', kind: 'context_window' }).code).toBe('context_length_exceeded');
    expect(mapUpstreamError('p', { status: 400, message: 'm', kind: 'content_policy' }).code).toBe('content_policy_violation');
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [{ 'retry-after': '7' }, 7],
    [{ 'retry-after': '1.5' }, 1.5],
    [{ 'retry-after-ms': '250' }, 0.25],
    [{ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }, 10],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, seconds) => {
    expect(parseRetryAfter(headers, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(seconds);
  });
});

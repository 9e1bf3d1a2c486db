import {
  AuthenticationError,
  BadGatewayError,
  ClientClosedRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  GatewayError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../common/errors';
import { coolsDownAtOnce, fallbackListFor, fallbackListsFor, isCallersFault } from './failure-policy';
import { fallbackMap } from './route-table';

const up = { upstreamStatus: 400 };

describe('failure policy', () => {
  it.each<[string, GatewayError, boolean]>([
    ['upstream 400', new InvalidRequestError('bad', up), true],
    ['context window', new ContextWindowExceededError('long', up), true],
    ['content policy', new ContentPolicyViolationError('no', up), true],
    ['payload too large', new PayloadTooLargeError('big'), true],
    ['client closed', new ClientClosedRequestError('gone'), true],
    ['capability missing', new InvalidRequestError('no embeddings', { code: 'unsupported_capability' }), true],
    ['upstream 500', new BadGatewayError('boom', { upstreamStatus: 500 }), false],
    ['upstream 429', new RateLimitError('slow down', { upstreamStatus: 429 }), false],
    ['timeout', new TimeoutError('slow'), false],
    ['upstream 401', new AuthenticationError('key', { upstreamStatus: 401 }), false],
  ])('isCallersFault(%s) = %s (the caller, not the deployment, was at fault)', (_name, err, expected) => {
    expect(isCallersFault(err)).toBe(expected);
  });

  it.each<[string, GatewayError, boolean]>([
    ['upstream 401', new AuthenticationError('key', { upstreamStatus: 401 }), true],
    ['upstream 403', new PermissionDeniedError('no', { upstreamStatus: 403 }), true],
    ['upstream 404', new NotFoundError('no model', { upstreamStatus: 404 }), true],
    ['missing credentials on the gateway', new AuthenticationError('unset', { code: 'missing_credentials' }), true],
    ['gateway 403 (not upstream)', new PermissionDeniedError('api_base refused'), false],
    ['upstream 500', new BadGatewayError('boom', { upstreamStatus: 500 }), false],
    ['upstream 429', new RateLimitError('slow', { upstreamStatus: 429 }), false],
  ])('coolsDownAtOnce(%s) = %s', (_name, err, expected) => {
    expect(coolsDownAtOnce(err)).toBe(expected);
  });

  it.each<[string, GatewayError, ReturnType<typeof fallbackListFor>]>([
    ['context window', new ContextWindowExceededError('long'), 'context_window'],
    ['content policy', new ContentPolicyViolationError('no'), 'content_policy'],
    ['upstream 500', new BadGatewayError('boom'), 'general'],
    ['429', new RateLimitError('slow'), 'general'],
    ['503 all cooling down', new ServiceUnavailableError('out'), 'general'],
    ['timeout', new TimeoutError('slow'), 'general'],
    ['upstream 401', new AuthenticationError('key', { upstreamStatus: 401 }), 'general'],
    ['upstream 400', new InvalidRequestError('bad', up), null],
    ['payload too large', new PayloadTooLargeError('big'), null],
    ['client closed', new ClientClosedRequestError('gone'), null],
  ])('fallbackListFor(%s) = %s', (_name, err, expected) => {
    expect(fallbackListFor(err)).toBe(expected);
  });
});

describe('fallbackListsFor', () => {
  const policy = {
    fallbacks: fallbackMap([{ a: ['b', 'c'] }, { '*': ['star'] }]),
    contextWindowFallbacks: fallbackMap([{ a: ['big'] }]),
    contentPolicyFallbacks: fallbackMap([{ a: ['lenient'] }]),
    defaultFallbacks: ['default'],
  };

  it("uses the model's own lists", () => {
    expect(fallbackListsFor('a', policy)).toEqual({ general: ['b', 'c'], context_window: ['big'], content_policy: ['lenient'] });
  });

  it('falls back to the * entry, then to default_fallbacks, and the special lists to the general one', () => {
    expect(fallbackListsFor('x', policy)).toEqual({ general: ['star'], context_window: ['star'], content_policy: ['star'] });
    const noStar = { ...policy, fallbacks: fallbackMap([{ a: ['b'] }]) };
    expect(fallbackListsFor('x', noStar).general).toEqual(['default']);
  });

  it("lets the request's own fallbacks replace the general list", () => {
    expect(fallbackListsFor('a', policy, ['mine'])).toEqual({ general: ['mine'], context_window: ['big'], content_policy: ['lenient'] });
    expect(fallbackListsFor('x', policy, []).general).toEqual([]);
  });

  it('returns copies, so routing may consume them', () => {
    const lists = fallbackListsFor('a', policy);
    lists.general.shift();
    expect(fallbackListsFor('a', policy).general).toEqual(['b', 'c']);
  });
});

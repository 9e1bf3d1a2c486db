import {
  AuthenticationError,
  BadGatewayError,
  BudgetExceededError,
  InternalGatewayError,
  InvalidRequestError,
  ModelNotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../errors';
import { isAnthropicRoute, toAnthropicErrorBody } from './anthropic-error.body';

describe('toAnthropicErrorBody', () => {
  it.each([
    [new InvalidRequestError('bad', { param: 'max_tokens' }), 'invalid_request_error'],
    [new AuthenticationError('who'), 'authentication_error'],
    [new PermissionDeniedError('no'), 'permission_error'],
    [new ModelNotFoundError('none'), 'not_found_error'],
    [new PayloadTooLargeError('big'), 'request_too_large'],
    [new RateLimitError('slow'), 'rate_limit_error'],
    [new BudgetExceededError('spent'), 'rate_limit_error'],
    [new TimeoutError('late'), 'timeout_error'],
    [new InternalGatewayError('oops'), 'api_error'],
    [new BadGatewayError('upstream'), 'api_error'],
    [new ServiceUnavailableError('cooling'), 'overloaded_error'],
  ])('%s → %s', (error, type) => {
    const body = toAnthropicErrorBody(error);
    expect(body).toMatchObject({ type: 'error', error: { type, message: error.message } });
  });

  it('keeps param and code when set', () => {
    expect(toAnthropicErrorBody(new InvalidRequestError('bad', { param: 'messages[0].role', code: 'x' })).error).toEqual({
      type: 'invalid_request_error',
      message: 'bad',
      param: 'messages[0].role',
      code: 'x',
    });
  });

  it.each([
    ['/v1/messages', true],
    ['/v1/messages/count_tokens', true],
    ['/v1/messagesx', false],
    ['/v1/chat/completions', false],
    ['/messages', false],
  ])('%s is an Anthropic route: %s', (path, expected) => {
    expect(isAnthropicRoute(path)).toBe(expected);
  });
});

import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { InternalGatewayError, RateLimitError } from '../errors';
import { toGatewayError } from './to-gateway-error';

describe('toGatewayError', () => {
  it.each([
    ['a GatewayError as it is', new RateLimitError('slow'), 429, 'rate_limit_error', null],
    ["body-parser's too-large error", Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }), 413, 'invalid_request_error', 'request_too_large'],
    ["body-parser's parse error", Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }), 400, 'invalid_request_error', 'invalid_json'],
    ["Nest's JSON BadRequest", new BadRequestException('Unexpected token } in JSON at position 3'), 400, 'invalid_request_error', 'invalid_json'],
    ["Nest's unknown route", new NotFoundException('Cannot GET /nope'), 404, 'invalid_request_error', 'not_found'],
    ["Nest's 413", new PayloadTooLargeException(), 413, 'invalid_request_error', 'request_too_large'],
    ["body-parser's unsupported encoding", Object.assign(new Error('unsupported content encoding "zz"'), { type: 'encoding.unsupported', status: 415 }), 415, 'invalid_request_error', 'unsupported_encoding'],
    ["body-parser's 400 for a corrupt gzip body (zlib's error, no type)", Object.assign(new Error('incorrect header check'), { status: 400, code: 'Z_DATA_ERROR', errno: -3 }), 400, 'invalid_request_error', 'invalid_content_encoding'],
    ["body-parser's aborted request", Object.assign(new Error('request aborted'), { type: 'request.aborted', status: 400 }), 400, 'invalid_request_error', 'request_aborted'],
    ["body-parser's size mismatch", Object.assign(new Error('request size did not match content length'), { type: 'request.size.invalid', status: 400 }), 400, 'invalid_request_error', 'request_size_invalid'],
    ...bodyParserErrorsWrappedByNest(),
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 500, 'api_error', null],
  ])('maps %s', (_name, thrown, status, type, code) => {
    const e = toGatewayError(thrown);
    expect({ status: e.status, type: e.type, code: e.code }).toEqual({ status, type, code });
  });

  it('never shows a bug’s message or stack to the client', () => {
    const e = toGatewayError(new Error('db password=hunter2 at /srv/app.js:12'));
    expect(e).toBeInstanceOf(InternalGatewayError);
    expect(JSON.stringify(e.toBody())).not.toMatch(/hunter2|app\.js/);
  });

  it('names unknown routes plainly', () => {
    expect(toGatewayError(new NotFoundException('Cannot POST /v2/chat')).message).toBe('Unknown route: POST /v2/chat');
  });
});

/** Nest 12's Express adapter hands http-errors to the filter as an HttpException with the original as `cause`. */
function bodyParserErrorsWrappedByNest(): Array<[string, unknown, number, string, string]> {
  const wrap = (message: string, status: number, type: string) => new HttpException(message, status, { cause: Object.assign(new Error(message), { type, status, statusCode: status, expose: true }) });
  return [
    ['a wrapped too-large error', wrap('request entity too large', 413, 'entity.too.large'), 413, 'invalid_request_error', 'request_too_large'],
    ['a wrapped unsupported encoding', wrap('unsupported content encoding "xz"', 415, 'encoding.unsupported'), 415, 'invalid_request_error', 'unsupported_encoding'],
    ['a wrapped unsupported charset', wrap('unsupported charset "LATIN-9"', 415, 'charset.unsupported'), 415, 'invalid_request_error', 'unsupported_encoding'],
  ];
}

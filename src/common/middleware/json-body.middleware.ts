import type { NextFunction, Request, Response } from 'express';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { readRequestBody, TOO_LARGE_MESSAGE } from '../http/request-body.reader';
import { findTooDeep } from '../validation/json-depth';

export interface JsonBodyOptions {
  /** Most bytes a body may have, after decoding. */
  limitBytes: number;
  /** Most levels of nesting (objects and lists) a body may have. */
  maxDepth: number;
}

const INVALID_JSON = 'We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.';
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * Parses every request body as JSON (`req.body`, `{}` without one) in place
 * of Express's body parser, so that each way a body can be bad has its own
 * 4xx: over the limit by its `Content-Length` (413 before a byte is read) or
 * once decoded (413), an unknown encoding or charset (415), data that is not
 * its encoding or not JSON (400), JSON nested deeper than `maxDepth` (400,
 * `param` naming where). After a refused body the connection is closed rather
 * than read to its end.
 */
export function jsonBodyParser(options: JsonBodyOptions) {
  return function jsonBody(req: Request, res: Response, next: NextFunction): void {
    req.body = {};
    if (!hasBody(req)) {
      next();
      return;
    }
    const refuse = (err: Error) => {
      res.setHeader('connection', 'close');
      next(err);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.limitBytes) {
      refuse(new PayloadTooLargeError(TOO_LARGE_MESSAGE, { code: 'request_too_large' }));
      return;
    }
    const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      refuse(new UnsupportedMediaTypeError(`Unsupported charset '${charset.slice(0, 40)}': send UTF-8`, { code: 'unsupported_charset' }));
      return;
    }
    let reading: Promise<Buffer>;
    try {
      reading = readRequestBody(req, options.limitBytes);
    } catch (err) {
      refuse(err as Error);
      return;
    }
    reading.then(
      (raw) => {
        try {
          req.body = parseBody(raw, options.maxDepth);
        } catch (err) {
          next(err);
          return;
        }
        next();
      },
      refuse,
    );
  };
}

/** A request with a body: a declared length above 0, or a chunked one. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/** JSON text to a value; empty is `{}`; too deep is a 400 naming the place. */
export function parseBody(raw: Buffer, maxDepth: number): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidRequestError(INVALID_JSON, { code: 'invalid_json' });
  }
  const tooDeep = findTooDeep(value, maxDepth);
  if (tooDeep !== undefined) {
    throw new InvalidRequestError(`The JSON body is nested more than ${maxDepth} levels deep at '${tooDeep.slice(0, 200)}'`, {
      param: tooDeep.slice(0, 200) || null,
      code: 'json_too_deep',
    });
  }
  return value;
}

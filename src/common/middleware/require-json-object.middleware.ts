import type { NextFunction, Request, Response } from 'express';
import { InvalidRequestError } from '../errors';

/** Every POST body is one JSON object; a bare list or value is a 400, not a confusing validation error. */
export function requireJsonObjectBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'POST' && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) {
    next(new InvalidRequestError('The request body must be a JSON object', { code: 'invalid_json' }));
    return;
  }
  next();
}

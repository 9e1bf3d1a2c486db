import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayRequest } from '../context/request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * First on every request: echoes or creates `x-request-id` and opens the
 * call's record. Plain Express middleware, so it also covers requests that
 * never reach a controller (bad JSON, unknown routes).
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  const traceparent = req.headers.traceparent;
  (req as GatewayRequest).call = {
    requestId,
    startedAtEpochMs: Date.now(),
    startedAt: performance.now(),
    stream: false,
    attempts: 0,
    fallbackFrom: null,
    traceparent: typeof traceparent === 'string' ? traceparent : undefined,
  };
  res.setHeader('x-request-id', requestId);
  next();
}

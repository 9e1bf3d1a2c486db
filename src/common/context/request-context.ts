import type { Request, Response } from 'express';
import type { CallRecord } from './call-record';

/** The gateway's per-request state, attached to the Express request by the request-context middleware. */
export interface GatewayRequest extends Request {
  /** Always set by RequestContextMiddleware before guards, pipes and interceptors. */
  call: CallRecord;
}

export type GatewayResponse = Response;

export function callOf(req: Request): CallRecord {
  return (req as GatewayRequest).call;
}

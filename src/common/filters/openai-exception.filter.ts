import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { callOf } from '../context/request-context';
import { GatewayError } from '../errors';
import { endSseWith, writeSseError } from '../http/sse.writer';
import { isAnthropicRoute, toAnthropicErrorBody } from './anthropic-error.body';
import { toGatewayError } from './to-gateway-error';

/**
 * The one place errors become responses: the OpenAI error body with the
 * table's status, or, once an SSE stream has begun, one error event and the
 * end of the stream. Anthropic's routes (`/v1/messages…`) get the same
 * statuses in Anthropic's error shape, and its `event: error`.
 */
@Catch()
export class OpenAIExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const call = callOf(req);
    const error = toGatewayError(exception, call?.secrets);
    this.log(error, exception, req);

    if (call) {
      call.error = error;
      call.httpStatus = error.status;
    }
    const anthropic = isAnthropicRoute(req.path);
    if (res.headersSent) {
      if (res.writableEnded) return;
      if (anthropic) endSseWith(res, toAnthropicErrorBody(error), 'error');
      else writeSseError(res, error);
      return;
    }
    writeErrorResponse(res, error, anthropic ? toAnthropicErrorBody(error) : error.toBody());
  }

  private log(error: GatewayError, raw: unknown, req: Request): void {
    const requestId = callOf(req)?.requestId;
    if (error.status >= 500 && !(raw instanceof GatewayError)) {
      // Our own bug: keep the stack in the log, never in the response.
      this.logger.error({ msg: 'unhandled error', requestId, err: raw instanceof Error ? { name: raw.name, message: raw.message, stack: raw.stack } : String(raw) });
    } else if (error.status >= 500) {
      this.logger.warn({ msg: error.message, requestId, status: error.status, provider: error.provider });
    }
  }
}

/** A rate limit nobody estimated (the router estimates every provider 429): retry soon. */
export const FALLBACK_RETRY_AFTER_SECONDS = 1;

/**
 * Writes the error JSON (OpenAI's unless another `body` is given) with its status and, for 429/503, `Retry-After`:
 * always on a rate limit (SPEC 5), in whole seconds, at least 1.
 */
export function writeErrorResponse(res: Response, error: GatewayError, body: object = error.toBody()): void {
  const retryAfter = error.retryAfterSeconds ?? (error.type === 'rate_limit_error' ? FALLBACK_RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined && (error.status === 429 || error.status === 503)) {
    res.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  }
  res.status(error.status);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

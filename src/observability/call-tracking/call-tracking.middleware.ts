import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { CallRecord } from '../../common/context/call-record';
import { callOf } from '../../common/context/request-context';
import { GatewayConfigService } from '../../config/gateway-config.service';
import { buildCallEvent } from '../events/call-event.builder';
import { boundEventContent, eventContentLimits } from '../events/event-content.bounds';
import { GatewayLoggerService } from '../logging/gateway-logger.service';
import { MetricsService } from '../metrics/metrics.service';
import { callerSecrets } from '../redaction/known-secrets';
import { normalise } from '../redaction/secret-masker';
import { SinkDispatcherService } from '../sinks/sink-dispatcher.service';

/** One finish per call, even when the middleware is bound twice. */
const TRACKED = new WeakSet<CallRecord>();

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Call tracking, bound as middleware on the model-call routes (ApiModule).
 * Takes the caller's `metadata` and the messages/input into the call record,
 * then — once the response or stream has ended, or the client went away (the
 * response's `close`) — runs the call-end hooks (spend settling), builds the
 * call's event, hands it to the sinks, counts it and writes the access line.
 * It never delays the response and never sees, let alone swallows, its
 * errors; calls refused by auth or validation get their event too.
 */
@Injectable()
export class CallTrackingMiddleware implements NestMiddleware {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly dispatcher: SinkDispatcherService,
    private readonly metrics: MetricsService,
    private readonly logger: GatewayLoggerService,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.track(req, res);
    next();
  }

  private track(req: Request, res: Response): void {
    try {
      const call = callOf(req);
      if (!call || TRACKED.has(call)) return;
      TRACKED.add(call);
      const body: unknown = req.body;
      call.secrets ??= normalise(callerSecrets(req.headers, body));
      if (isPlainObject(body)) {
        // Validation (after this middleware) refuses a non-object metadata; it is simply not taken here.
        if (isPlainObject(body.metadata)) call.metadata ??= body.metadata;
        call.input ??= body.messages ?? body.input;
        if (call.model === undefined && typeof body.model === 'string') call.model = body.model;
      }
      if (call.traceparent === undefined && typeof req.headers.traceparent === 'string') call.traceparent = req.headers.traceparent;
      this.metrics.requestStarted();
      res.once('close', () => this.finish(call, res));
    } catch (err) {
      this.logger.error('could not track a call for logging', { err }, 'CallTracking');
    }
  }

  /** Spend settling and the like; one failing hook never costs the call its event. */
  private runEndHooks(call: CallRecord): void {
    for (const hook of call.onEnd ?? []) {
      try {
        hook(call);
      } catch (err) {
        this.logger.error('a call-end hook failed', { request_id: call.requestId, err }, 'CallTracking');
      }
    }
  }

  private finish(call: CallRecord, res: Response): void {
    this.metrics.requestFinished();
    try {
      if (!res.writableFinished) call.clientAborted ??= true;
      call.httpStatus ??= res.statusCode;
      this.runEndHooks(call);
      const logging = this.config.current.logging;
      // Bounded before it is queued: the event keeps no multi-MB body of the request by reference.
      const event = boundEventContent(
        buildCallEvent(call, { redactContent: logging.redactContent, endedAt: performance.now() }),
        eventContentLimits(logging.maxEventStringLength),
      );
      this.dispatcher.dispatch(event);
      this.metrics.recordCall(event);
      this.logger.access(event);
    } catch (err) {
      this.logger.error('could not record a finished call', { request_id: call.requestId, err }, 'CallTracking');
    }
  }
}

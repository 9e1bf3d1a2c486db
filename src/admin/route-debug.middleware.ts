import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { extractKey, keysEqual } from '../auth/key-compare';
import { callOf } from '../common/context/request-context';
import { GatewayConfigService } from '../config/gateway-config.service';
import { RouteTracer } from '../routing/route-trace';

export const DEBUG_HEADER = 'x-gateway-debug';
export const ROUTE_HEADER = 'x-gateway-route';

/**
 * `x-gateway-route`: how routing chose, in short, for a caller that sends
 * `x-gateway-debug: true` and holds the master key (anyone else gets
 * nothing: the header names deployments and their state). The header is set
 * when routing finishes, before the answer (or the error, or the first
 * stream chunk) is written.
 */
@Injectable()
export class RouteDebugMiddleware implements NestMiddleware {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly tracer: RouteTracer,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const flag = req.headers[DEBUG_HEADER];
    if (typeof flag === 'string' && /^(true|1)$/i.test(flag.trim()) && this.isAdmin(req)) {
      const call = callOf(req);
      if (call) {
        this.tracer.watch(call, (summary) => {
          if (!res.headersSent) res.setHeader(ROUTE_HEADER, summary);
        });
      }
    }
    next();
  }

  private isAdmin(req: Request): boolean {
    const master = this.config.current.masterKey;
    const given = extractKey(req.headers);
    return Boolean(master && given && keysEqual(given, master));
  }
}

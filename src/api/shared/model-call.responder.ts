import type { Response } from 'express';
import type { CallRecord } from '../../common/context/call-record';
import type { RoutedResult } from '../../routing/routing.service';
import { callPrice, type PricedDeployment } from '../../pricing/call-price';

/** Aborted the moment the client goes away before its answer is finished. */
export function abortOnClientClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) {
      controller.abort();
    }
  });
  return controller.signal;
}

/**
 * `x-gateway-deployment`, `x-gateway-attempts`, `x-gateway-fallback` and, when
 * the usage is known and the deployment priced, `x-gateway-response-cost` /
 * `x-litellm-response-cost` (SPEC 6).
 */
export function routingHeaders(call: CallRecord, result: Pick<RoutedResult<unknown>, 'deployment' | 'fallbackModel'>): Record<string, string> {
  const headers: Record<string, string> = {
    'x-gateway-deployment': result.deployment.id,
    'x-gateway-attempts': String(call.attempts),
  };
  if (result.fallbackModel) headers['x-gateway-fallback'] = result.fallbackModel;
  const cost = priceCall(call, result.deployment);
  if (cost !== undefined && cost !== null) {
    headers['x-gateway-response-cost'] = String(cost);
    headers['x-litellm-response-cost'] = String(cost);
  }
  return headers;
}

/**
 * Sets `call.cost` from the usage when it is known now; a stream's usage comes
 * at its end, so the price is then taken by the first call-end hook (before
 * spend settles, which runs after it).
 */
function priceCall(call: CallRecord, deployment: PricedDeployment): number | null | undefined {
  if (call.usage) {
    call.cost = callPrice(deployment, call.usage);
    return call.cost;
  }
  (call.onEnd ??= []).unshift((ended) => {
    if (ended.cost === undefined && ended.usage) ended.cost = callPrice(deployment, ended.usage);
  });
  return undefined;
}

export function elapsedMs(call: CallRecord): number {
  return Math.round((performance.now() - call.startedAt) * 1000) / 1000;
}

/** A successful JSON answer, with `_response_ms` (SPEC 6). */
export function sendJson(res: Response, call: CallRecord, headers: Record<string, string>, body: object): void {
  call.httpStatus = 200;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json');
  res.status(200).end(JSON.stringify({ ...body, _response_ms: elapsedMs(call) }));
}

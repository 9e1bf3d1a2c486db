import type { GatewayError } from '../../common/errors';
import type { ProviderAdapter } from '../../providers/provider-adapter.interface';
import type { Deployment } from '../../deployments/deployment';
import { inputItemsOf } from './mapping/request-to-chat.mapper';
import type { ResponseInputItem, ResponseRequest, ResponseStreamEvent } from './responses.types';
import type { StoredResponse } from './store/responses.store';

/** A routed Responses stream: its events, and the events that end it when it breaks. */
export interface ResponseEventStream {
  events: AsyncIterable<ResponseStreamEvent>;
  fail(error: GatewayError): ResponseStreamEvent[];
}

export type NativeAdapter = ProviderAdapter & Required<Pick<ProviderAdapter, 'responses' | 'responsesStream'>>;

export function isNative(adapter: ProviderAdapter): adapter is NativeAdapter {
  return typeof adapter.responses === 'function' && typeof adapter.responsesStream === 'function';
}

/**
 * The body for a provider's own Responses API: the previous response's id
 * passes through to the deployment that made it; anywhere else the stored
 * conversation is sent as input instead (without the item ids that only the
 * gateway knows).
 */
export function nativeBody(request: ResponseRequest, previous: StoredResponse | undefined, deployment: Deployment): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request };
  delete body.metadata; // the gateway's own (SPEC 6), never sent upstream
  if (!previous || previous.deploymentId === deployment.id) return body;
  delete body.previous_response_id;
  body.input = [...previous.history.map(withoutId), ...inputItemsOf(request.input)];
  return body;
}

function withoutId(item: ResponseInputItem): ResponseInputItem {
  if (!('id' in item)) return item;
  const { id: _id, status: _status, ...rest } = item as Record<string, unknown>;
  return rest as ResponseInputItem;
}

import type { GatewayError } from '../../common/errors';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions } from '../provider-adapter.interface';
import { readText, sendUpstream, UpstreamResponse } from './upstream-http.client';

/** Longest error body read from a provider before mapping it. */
const ERROR_BODY_LIMIT = 64 * 1024;

export interface ProviderJsonPost {
  provider: string;
  url: string;
  deployment: Deployment;
  options: CallOptions;
  body: unknown;
  /** The provider's own headers (auth, version): applied last, so a deployment's `extra_headers` cannot replace them. */
  headers?: Record<string, string>;
  /** `accept` (default `application/json`). */
  accept?: string;
  /** The provider's errors mapper, for any status ≥ 400. */
  mapError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError;
}

/**
 * The JSON POST every unsigned provider makes: its URL and headers, the
 * caller's trace headers and the deployment's `extra_headers`, an error
 * status turned into a GatewayError by the provider's own mapper.
 */
export async function postProviderJson(p: ProviderJsonPost): Promise<UpstreamResponse> {
  const res = await sendUpstream({
    url: p.url,
    headers: {
      'content-type': 'application/json',
      accept: p.accept ?? 'application/json',
      ...p.options.forwardHeaders,
      ...p.deployment.params.extra_headers,
      ...p.headers,
    },
    body: JSON.stringify(p.body),
    signal: p.options.signal,
    timeoutMs: p.options.timeoutMs,
    provider: p.provider,
  });
  if (res.status >= 400) throw p.mapError(res.status, await readText(res.body, ERROR_BODY_LIMIT), res.headers);
  return res;
}

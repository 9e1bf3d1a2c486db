import type { GatewayError } from '../../common/errors';
import { mapUpstreamError, parseRetryAfter, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import type { UpstreamResponse } from '../shared/upstream-http.client';

const PROVIDER = 'cohere';

/** Cohere statuses the shared table would misread: 498 is Cohere's "invalid token". */
const STATUS_KIND: Readonly<Record<number, UpstreamErrorDetails['kind']>> = {
  498: 'auth',
};

/** A Cohere error (`{"message": "..."}`, sometimes with an `id`) mapped by its HTTP status. */
export function mapCohereError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown };
    message = typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    message = undefined;
  }
  return mapUpstreamError(PROVIDER, {
    status,
    message: message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`),
    kind: STATUS_KIND[status],
    retryAfterSeconds: parseRetryAfter(headers),
  });
}

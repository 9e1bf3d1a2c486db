import type { GatewayError } from '../../common/errors';
import { mapUpstreamError, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import type { UpstreamResponse } from '../shared/upstream-http.client';

const PROVIDER = 'cohere';

/** Cohere statuses the shared table would misread: 498 is Cohere's "invalid token". */
const STATUS_KIND: Readonly<Record<number, UpstreamErrorDetails['kind']>> = {
  498: 'auth',
};

/**
 * Cohere states a prompt over the context window only in a 400's text:
 * "too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 5227".
 */
const CONTEXT_WINDOW = /too many tokens|prompt is too long|exceeds? (the )?(model's )?context (window|length)/i;

/** A Cohere error (`{"message": "..."}`, sometimes with an `id`) mapped by its HTTP status. */
export function mapCohereError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown };
    message = typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    message = undefined;
  }
  const text = message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`);
  const contextWindow = (status === 400 || status === 422) && CONTEXT_WINDOW.test(text);
  return mapUpstreamError(PROVIDER, {
    status,
    message: text,
    kind: contextWindow ? 'context_window' : STATUS_KIND[status],
    retryAfterSeconds: retryHintSeconds(status, headers),
  });
}

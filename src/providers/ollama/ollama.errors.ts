import type { GatewayError } from '../../common/errors';
import { mapUpstreamError } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import type { UpstreamResponse } from '../shared/upstream-http.client';

const PROVIDER = 'ollama';

/**
 * Ollama's `{"error": "..."}` by HTTP status. On the chat and embed routes a
 * 404 means the model is not pulled, hence `model_not_found`.
 */
export function mapOllamaError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown };
    message = typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    message = undefined;
  }
  return mapUpstreamError(PROVIDER, {
    status,
    message: message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`),
    code: status === 404 ? 'model_not_found' : null,
    param: status === 404 ? 'model' : null,
    retryAfterSeconds: retryHintSeconds(status, headers),
  });
}

/** An `{"error": ...}` inside a 200 answer (a stream line, mostly): the server failed part-way. */
export function mapOllamaStreamError(message: string): GatewayError {
  return mapUpstreamError(PROVIDER, { status: 500, message });
}

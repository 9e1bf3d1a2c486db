import type { GatewayError } from '../../common/errors';
import { mapUpstreamError, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import type { UpstreamResponse } from '../shared/upstream-http.client';

interface OpenAIStyleErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: string | number | null;
    param?: string | null;
    /** Azure puts the content-filter verdict here. */
    innererror?: { code?: string };
  };
  message?: string;
}

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTENT_CODES = new Set(['content_filter', 'content_policy_violation', 'ResponsibleAIPolicyViolation']);

/**
 * OpenAI's (and Azure's, and most compatible servers') error body to the
 * gateway's table: structured `code` first, the status after.
 */
export function mapOpenAIError(
  provider: string,
  status: number,
  bodyText: string,
  headers: UpstreamResponse['headers'],
): GatewayError {
  let parsed: OpenAIStyleErrorBody | undefined;
  try {
    parsed = JSON.parse(bodyText) as OpenAIStyleErrorBody;
  } catch {
    parsed = undefined;
  }
  const err = parsed?.error;
  const code = err?.code === undefined || err?.code === null ? null : String(err.code);
  const details: UpstreamErrorDetails = {
    status,
    message: err?.message ?? parsed?.message ?? (bodyText.slice(0, 500) || `${provider} returned HTTP ${status}`),
    code,
    param: err?.param ?? null,
    retryAfterSeconds: retryHintSeconds(status, headers),
  };
  if (code && CONTEXT_CODES.has(code)) details.kind = 'context_window';
  else if ((code && CONTENT_CODES.has(code)) || (err?.innererror?.code && CONTENT_CODES.has(err.innererror.code))) {
    details.kind = 'content_policy';
  }
  return mapUpstreamError(provider, details);
}

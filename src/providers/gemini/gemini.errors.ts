import type { GatewayError } from '../../common/errors';
import { mapUpstreamError, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import type { UpstreamResponse } from '../shared/upstream-http.client';
import type { GoogleErrorBody } from './gemini.types';

const PROVIDER = 'gemini';

interface ErrorRule {
  /** The gateway status for this canonical code (used when no `kind` decides). */
  status: number;
  kind?: UpstreamErrorDetails['kind'];
}

/** Google's canonical error codes (`error.status`) to the gateway's table. */
const STATUSES: Record<string, ErrorRule> = {
  INVALID_ARGUMENT: { status: 400 },
  FAILED_PRECONDITION: { status: 400 },
  OUT_OF_RANGE: { status: 400 },
  UNAUTHENTICATED: { status: 401, kind: 'auth' },
  PERMISSION_DENIED: { status: 403, kind: 'permission' },
  NOT_FOUND: { status: 404 },
  RESOURCE_EXHAUSTED: { status: 429, kind: 'rate_limit' },
  UNAVAILABLE: { status: 503, kind: 'overloaded' },
  DEADLINE_EXCEEDED: { status: 408 },
  INTERNAL: { status: 500 },
  UNKNOWN: { status: 500 },
  ABORTED: { status: 409 },
};

/** `google.rpc.ErrorInfo` reasons that say more than the canonical code (a bad key is INVALID_ARGUMENT). */
const REASONS: Record<string, ErrorRule> = {
  API_KEY_INVALID: { status: 401, kind: 'auth' },
  API_KEY_EXPIRED: { status: 401, kind: 'auth' },
  API_KEY_SERVICE_BLOCKED: { status: 403, kind: 'permission' },
  API_KEY_HTTP_REFERRER_BLOCKED: { status: 403, kind: 'permission' },
  API_KEY_IP_ADDRESS_BLOCKED: { status: 403, kind: 'permission' },
};

/** Gemini states a context-window overflow only in an INVALID_ARGUMENT's text. */
const CONTEXT_WINDOW = [/exceeds the maximum number of tokens/i, /input token count.*exceeds/i, /context (window|length)/i, /too many tokens/i];

/** `"37s"`, `"0.5s"` (a protobuf Duration in JSON) → seconds. */
export function parseRetryDelay(delay: string | undefined): number | undefined {
  const m = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/** A Google API error (HTTP answer or an `{"error"}` stream event) to a GatewayError. */
export function mapGeminiError(httpStatus: number | undefined, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let body: GoogleErrorBody | undefined;
  try {
    body = JSON.parse(bodyText) as GoogleErrorBody;
  } catch {
    body = undefined;
  }
  // streamGenerateContent may wrap the error in an array.
  const err = (Array.isArray(body) ? (body[0] as GoogleErrorBody) : body)?.error;
  const status = err?.status;
  const details = err?.details ?? [];
  const reason = details.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))?.reason;
  const retryDelay = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay;
  const rule = (reason ? REASONS[reason] : undefined) ?? (status ? STATUSES[status] : undefined);
  const http = httpStatus ?? err?.code;
  const message = err?.message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${http ?? 'error'}`);

  const mapped: UpstreamErrorDetails = {
    status: rule?.kind ? (http ?? rule.status) : (rule?.status ?? http ?? 502),
    message,
    code: reason ?? status ?? null,
    kind: rule?.kind,
    retryAfterSeconds: parseRetryDelay(retryDelay) ?? retryHintSeconds(http, headers),
  };
  if (status === 'INVALID_ARGUMENT' && CONTEXT_WINDOW.some((re) => re.test(message))) mapped.kind = 'context_window';
  return mapUpstreamError(PROVIDER, mapped);
}

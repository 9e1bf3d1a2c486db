import type { GatewayError } from '../../common/errors';
import { mapUpstreamError, parseRetryAfter, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { headerValue, UpstreamResponse } from '../shared/upstream-http.client';

const PROVIDER = 'bedrock';

interface ErrorRule {
  /** The gateway status for this AWS error type (used when no `kind` decides). */
  status: number;
  kind?: UpstreamErrorDetails['kind'];
}

/** AWS error types (the `x-amzn-errortype` header, or the stream's `:exception-type`) to the gateway's table. */
const ERROR_TYPES: Record<string, ErrorRule> = {
  ThrottlingException: { status: 429, kind: 'rate_limit' },
  ServiceQuotaExceededException: { status: 429, kind: 'rate_limit' },
  ValidationException: { status: 400 },
  AccessDeniedException: { status: 403, kind: 'permission' },
  UnrecognizedClientException: { status: 401, kind: 'auth' },
  InvalidSignatureException: { status: 401, kind: 'auth' },
  IncompleteSignatureException: { status: 401, kind: 'auth' },
  MissingAuthenticationTokenException: { status: 401, kind: 'auth' },
  ExpiredTokenException: { status: 401, kind: 'auth' },
  ResourceNotFoundException: { status: 404 },
  ModelNotReadyException: { status: 503, kind: 'overloaded' },
  ServiceUnavailableException: { status: 503, kind: 'overloaded' },
  ModelTimeoutException: { status: 408 },
  InternalServerException: { status: 500 },
  ModelErrorException: { status: 502 },
  ModelStreamErrorException: { status: 502 },
};

/** Bedrock states a context-window overflow only in a ValidationException's text (wording varies by model). */
const CONTEXT_WINDOW = [
  /too many (input )?tokens/i,
  /input is too long/i,
  /prompt is too long/i,
  /exceeds? (the )?context (limit|window|length)/i,
  /maximum context length/i,
  /exceeds? (the )?max(imum)? (input|token)/i,
];

interface AwsErrorBody {
  message?: string;
  Message?: string;
  __type?: string;
}

/**
 * `ThrottlingException:http://internal.amazon.com/...` or
 * `com.amazon.coral.service#ThrottlingException` → `ThrottlingException`;
 * `throttlingException` (a ConverseStream union member) → `ThrottlingException`.
 */
export function normalizeErrorType(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw.split(':')[0].split('#').pop()!.trim();
  return name ? name[0].toUpperCase() + name.slice(1) : undefined;
}

/** An error answer of the Bedrock runtime (JSON `{"message"}` plus `x-amzn-errortype`) to a GatewayError. */
export function mapBedrockError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  let body: AwsErrorBody | undefined;
  try {
    body = JSON.parse(bodyText) as AwsErrorBody;
  } catch {
    body = undefined;
  }
  const type = normalizeErrorType(headerValue(headers, 'x-amzn-errortype') ?? body?.__type);
  const message = body?.message ?? body?.Message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`);
  return classify(type, message, status, parseRetryAfter(headers));
}

/** An exception event inside a ConverseStream (`:message-type: exception` or `error`). */
export function mapBedrockStreamException(headers: Record<string, string>, payload: string): GatewayError {
  let body: AwsErrorBody | undefined;
  try {
    body = JSON.parse(payload) as AwsErrorBody;
  } catch {
    body = undefined;
  }
  const type = normalizeErrorType(headers[':exception-type'] ?? headers[':error-code'] ?? body?.__type);
  const message = body?.message ?? body?.Message ?? headers[':error-message'] ?? `${PROVIDER} stream failed${type ? ` (${type})` : ''}`;
  return classify(type, message, undefined, undefined);
}

/** The error type decides first; the HTTP status only for types we do not know. */
function classify(type: string | undefined, message: string, httpStatus: number | undefined, retryAfterSeconds: number | undefined): GatewayError {
  const rule = type ? ERROR_TYPES[type] : undefined;
  const status = rule?.kind ? (httpStatus ?? rule.status) : (rule?.status ?? httpStatus ?? 502);
  const details: UpstreamErrorDetails = { status, message, code: type ?? null, kind: rule?.kind, retryAfterSeconds };
  if (type === 'ValidationException' && CONTEXT_WINDOW.some((re) => re.test(message))) details.kind = 'context_window';
  return mapUpstreamError(PROVIDER, details);
}

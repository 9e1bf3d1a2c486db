import type { GatewayError } from '../../common/errors';
import { AWS_COMMON_ERROR_TYPES, AwsErrorRule, awsErrorDetails, normalizeAwsErrorType, parseAwsErrorBody } from '../shared/aws/aws-errors';
import { mapUpstreamError } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import { headerValue, UpstreamResponse } from '../shared/upstream-http.client';

const PROVIDER = 'bedrock';

/** AWS error types (the `x-amzn-errortype` header, or the stream's `:exception-type`) to the gateway's table. */
const ERROR_TYPES: Record<string, AwsErrorRule> = {
  ...AWS_COMMON_ERROR_TYPES,
  ServiceQuotaExceededException: { status: 429, kind: 'rate_limit' },
  ValidationException: { status: 400 },
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

/** `ThrottlingException:http://…` → `ThrottlingException` (shared by every AWS service). */
export const normalizeErrorType = normalizeAwsErrorType;

/** An error answer of the Bedrock runtime (JSON `{"message"}` plus `x-amzn-errortype`) to a GatewayError. */
export function mapBedrockError(status: number, bodyText: string, headers: UpstreamResponse['headers']): GatewayError {
  const body = parseAwsErrorBody(bodyText);
  const type = normalizeErrorType(headerValue(headers, 'x-amzn-errortype') ?? body?.__type);
  const message = body?.message ?? body?.Message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`);
  return classify(type, message, status, retryHintSeconds(status, headers));
}

/** An exception event inside a ConverseStream (`:message-type: exception` or `error`). */
export function mapBedrockStreamException(headers: Record<string, string>, payload: string): GatewayError {
  const body = parseAwsErrorBody(payload);
  const type = normalizeErrorType(headers[':exception-type'] ?? headers[':error-code'] ?? body?.__type);
  const message = body?.message ?? body?.Message ?? headers[':error-message'] ?? `${PROVIDER} stream failed${type ? ` (${type})` : ''}`;
  return classify(type, message, undefined, undefined);
}

/** The error type decides first; message text only for a ValidationException's context window. */
function classify(type: string | undefined, message: string, httpStatus: number | undefined, retryAfterSeconds: number | undefined): GatewayError {
  const details = awsErrorDetails(ERROR_TYPES, type, message, httpStatus, retryAfterSeconds);
  if (type === 'ValidationException' && CONTEXT_WINDOW.some((re) => re.test(message))) details.kind = 'context_window';
  return mapUpstreamError(PROVIDER, details);
}

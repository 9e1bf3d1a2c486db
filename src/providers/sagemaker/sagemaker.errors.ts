import type { GatewayError } from '../../common/errors';
import { AWS_COMMON_ERROR_TYPES, AwsErrorBody, AwsErrorRule, awsErrorDetails, normalizeAwsErrorType, parseAwsErrorBody } from '../shared/aws/aws-errors';
import { mapUpstreamError, UpstreamErrorDetails } from '../shared/upstream-error.mapper';
import { retryHintSeconds } from '../shared/retry-hint';
import { headerValue, UpstreamResponse } from '../shared/upstream-http.client';
import type { TgiErrorBody } from './sagemaker.types';

const PROVIDER = 'sagemaker';

/** SageMaker runtime error types (`x-amzn-errortype`, or the stream's `:exception-type`) to the gateway's table. */
const ERROR_TYPES: Record<string, AwsErrorRule> = {
  ...AWS_COMMON_ERROR_TYPES,
  AccessDenied: { status: 403, kind: 'permission' },
  InvalidClientTokenId: { status: 401, kind: 'auth' },
  SignatureDoesNotMatch: { status: 401, kind: 'auth' },
  ValidationError: { status: 400 },
  ModelNotReadyException: { status: 503, kind: 'overloaded' },
  ServiceUnavailable: { status: 503, kind: 'overloaded' },
  InternalFailure: { status: 500 },
  InternalDependencyException: { status: 500 },
  InternalStreamFailure: { status: 502 },
  ModelStreamError: { status: 502 },
};

/**
 * The containers state a context-window overflow only in text: TGI's and
 * TEI's input validation (router/src/validation.rs, core/src/tokenization.rs).
 */
const CONTEXT_WINDOW = [/`inputs` tokens \+ `max_new_tokens` must be <= \d+/, /`inputs` must have less than \d+ tokens/];
/** SageMaker names a missing endpoint only in a ValidationError's text. */
const ENDPOINT_NOT_FOUND = /^Endpoint \S+ of account \S+ not found/i;
/** TGI's stream error event has no type, only its `InferError` text. */
const TGI_VALIDATION = /^Input validation error:/;
const TGI_OVERLOADED = /^Model is overloaded/;

/** SageMaker's ModelError: the container answered an error status, which SageMaker wraps in a 424. */
interface ModelErrorBody extends AwsErrorBody {
  OriginalStatusCode?: number;
  OriginalMessage?: string;
  LogStreamArn?: string;
}

/**
 * An error answer of the SageMaker runtime (`x-amzn-errortype` plus a JSON
 * body) to a GatewayError. `inputParam` names the request field a context-window
 * error points at (`messages` for chat, `input` for embeddings).
 */
export function mapSageMakerError(status: number, bodyText: string, headers: UpstreamResponse['headers'], inputParam = 'messages'): GatewayError {
  const body = parseAwsErrorBody(bodyText);
  const type = normalizeAwsErrorType(headerValue(headers, 'x-amzn-errortype') ?? body?.__type);
  const retryAfterSeconds = retryHintSeconds(status, headers);
  if (type === 'ModelError' || (type === undefined && typeof body?.OriginalStatusCode === 'number')) {
    return mapUpstreamError(PROVIDER, modelErrorDetails(body ?? {}, status, retryAfterSeconds, inputParam));
  }
  const message = body?.message ?? body?.Message ?? (bodyText.slice(0, 500) || `${PROVIDER} returned HTTP ${status}`);
  const details = awsErrorDetails(ERROR_TYPES, type, message, status, retryAfterSeconds);
  if (type === 'ValidationError' && ENDPOINT_NOT_FOUND.test(message)) details.status = 404;
  return mapUpstreamError(PROVIDER, details);
}

/** An exception message inside InvokeEndpointWithResponseStream (`ModelStreamError`, `InternalStreamFailure`). */
export function mapSageMakerStreamException(headers: Record<string, string>, payload: string): GatewayError {
  const body = parseAwsErrorBody(payload);
  const type = normalizeAwsErrorType(headers[':exception-type'] ?? headers[':error-code'] ?? body?.__type);
  const message = body?.message ?? body?.Message ?? headers[':error-message'] ?? `${PROVIDER} stream failed${type ? ` (${type})` : ''}`;
  const details = awsErrorDetails(ERROR_TYPES, type, message, undefined, undefined);
  if (type === 'ModelStreamError' && body?.ErrorCode === 'ModelInvocationTimeExceeded') details.status = 408;
  return mapUpstreamError(PROVIDER, details);
}

/** An error event TGI writes into its SSE stream after the 200 (`{"error": …}`). */
export function mapTgiStreamError(event: TgiErrorBody): GatewayError {
  const message = containerMessage(event) ?? `${PROVIDER} stream failed`;
  const type = event.error_type?.toLowerCase();
  let status = 502;
  if (type === 'validation' || (type === undefined && TGI_VALIDATION.test(message))) status = 400;
  const details: UpstreamErrorDetails = { status, message, code: event.error_type ?? null };
  if (type === 'overloaded' || (type === undefined && TGI_OVERLOADED.test(message))) details.kind = 'overloaded';
  if (status === 400 && CONTEXT_WINDOW.some((re) => re.test(message))) details.kind = 'context_window';
  return mapUpstreamError(PROVIDER, details);
}

/**
 * A ModelError by the container's own status and error type: its 4xx is the
 * caller's request (400, context window from TGI/TEI validation), its
 * `overloaded` a 503, its 5xx (and TGI's 424 generation error) a 502.
 */
function modelErrorDetails(body: ModelErrorBody, status: number, retryAfterSeconds: number | undefined, inputParam: string): UpstreamErrorDetails {
  const original = typeof body.OriginalStatusCode === 'number' ? body.OriginalStatusCode : undefined;
  const container = parseAwsErrorBody(body.OriginalMessage ?? '') as TgiErrorBody | undefined;
  const message =
    (container && containerMessage(container)) || body.OriginalMessage || body.Message || body.message || `${PROVIDER} model container failed (HTTP ${original ?? status})`;
  const errorType = container?.error_type?.toLowerCase();
  const details: UpstreamErrorDetails = { status: containerStatus(original), message, code: 'ModelError', retryAfterSeconds };
  if (errorType === 'overloaded') details.kind = 'overloaded';
  else if (original !== undefined && original >= 400 && original < 500 && CONTEXT_WINDOW.some((re) => re.test(message))) {
    // TEI answers its validation errors with 413 before 1.9, 422 since; TGI with 422.
    details.kind = 'context_window';
    details.param = inputParam;
  }
  return details;
}

/** The gateway status for the container's own: what the container refused is the request's fault. */
function containerStatus(original: number | undefined): number {
  if (original === undefined) return 502;
  if (original === 408 || original === 413 || original === 429 || original === 503) return original;
  if (original >= 400 && original < 500 && original !== 424) return 400;
  return 502;
}

/** The container's message: TGI/TEI `{"error": "…"}`, OpenAI-style `{"error": {"message"}}`, or `message` / `detail`. */
function containerMessage(body: TgiErrorBody & { detail?: unknown }): string | undefined {
  if (typeof body.error === 'string') return body.error;
  if (body.error && typeof body.error.message === 'string') return body.error.message;
  if (typeof body.message === 'string') return body.message;
  if (typeof body.detail === 'string') return body.detail;
  return undefined;
}

import type { UpstreamErrorDetails } from '../upstream-error.mapper';

/** How one AWS error type maps to the gateway's table. */
export interface AwsErrorRule {
  /** The gateway status for this AWS error type (used when no `kind` decides). */
  status: number;
  kind?: UpstreamErrorDetails['kind'];
}

/** Error types every AWS service answers with the same meaning (auth, signing, throttling). */
export const AWS_COMMON_ERROR_TYPES: Readonly<Record<string, AwsErrorRule>> = {
  ThrottlingException: { status: 429, kind: 'rate_limit' },
  AccessDeniedException: { status: 403, kind: 'permission' },
  UnrecognizedClientException: { status: 401, kind: 'auth' },
  InvalidSignatureException: { status: 401, kind: 'auth' },
  IncompleteSignatureException: { status: 401, kind: 'auth' },
  MissingAuthenticationTokenException: { status: 401, kind: 'auth' },
  ExpiredTokenException: { status: 401, kind: 'auth' },
};

/** The JSON error body of AWS's JSON protocols, in the spellings services use. */
export interface AwsErrorBody {
  message?: string;
  Message?: string;
  __type?: string;
  [key: string]: unknown;
}

/** The body as JSON, or undefined when it is not a JSON object. */
export function parseAwsErrorBody(text: string): AwsErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as AwsErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `ThrottlingException:http://internal.amazon.com/...` or
 * `com.amazon.coral.service#ThrottlingException` → `ThrottlingException`;
 * `throttlingException` (an event-stream union member) → `ThrottlingException`.
 */
export function normalizeAwsErrorType(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw.split(':')[0].split('#').pop()!.trim();
  return name ? name[0].toUpperCase() + name.slice(1) : undefined;
}

/**
 * The error type decides first; the HTTP status only for types the table does
 * not know (an unknown type and no status is a 502).
 */
export function awsErrorDetails(
  rules: Readonly<Record<string, AwsErrorRule>>,
  type: string | undefined,
  message: string,
  httpStatus: number | undefined,
  retryAfterSeconds: number | undefined,
): UpstreamErrorDetails {
  const rule = type ? rules[type] : undefined;
  const status = rule?.kind ? (httpStatus ?? rule.status) : (rule?.status ?? httpStatus ?? 502);
  return { status, message, code: type ?? null, kind: rule?.kind, retryAfterSeconds };
}

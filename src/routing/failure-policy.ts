import {
  AuthenticationError,
  ClientClosedRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  GatewayError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
} from '../common/errors';
import type { RouterPolicy } from './route-table';

/** Failures that say nothing about the deployment's health: the request itself was refused. */
export function isCallersFault(err: GatewayError): boolean {
  return (
    err instanceof ClientClosedRequestError ||
    err instanceof ContextWindowExceededError ||
    err instanceof ContentPolicyViolationError ||
    err instanceof PayloadTooLargeError ||
    (err instanceof InvalidRequestError && err.upstreamStatus !== undefined) ||
    (err instanceof InvalidRequestError && err.code === 'unsupported_capability')
  );
}

/** A provider that rejects the key or does not know the model will not heal within a minute. */
export function coolsDownAtOnce(err: GatewayError): boolean {
  return (
    (err instanceof AuthenticationError || err instanceof PermissionDeniedError || err instanceof NotFoundError) &&
    (err.upstreamStatus !== undefined || err.code === 'missing_credentials')
  );
}

/** Whether another model (a fallback) may succeed where this one failed. */
export function fallbackListFor(err: GatewayError): 'context_window' | 'content_policy' | 'general' | null {
  if (err instanceof ContextWindowExceededError) return 'context_window';
  if (err instanceof ContentPolicyViolationError) return 'content_policy';
  if (err instanceof ClientClosedRequestError) return null;
  if (err instanceof InvalidRequestError || err instanceof PayloadTooLargeError) return null;
  return 'general';
}

export type FallbackKind = NonNullable<ReturnType<typeof fallbackListFor>>;

/** The model names tried after `model` fails, per kind of failure (SPEC 8). */
export interface FallbackLists {
  general: string[];
  context_window: string[];
  content_policy: string[];
}

/**
 * Which fallbacks apply to a model: the request's own `fallbacks`, else the
 * model's configured list, else the `*` entry, else `default_fallbacks`.
 * Context-window and content-policy errors use their own list when the model
 * has one, else the general list. Routing and the admin view both read this.
 */
export function fallbackListsFor(
  model: string,
  policy: Pick<RouterPolicy, 'fallbacks' | 'contextWindowFallbacks' | 'contentPolicyFallbacks' | 'defaultFallbacks'>,
  requestFallbacks?: readonly string[],
): FallbackLists {
  const general = [...(requestFallbacks ?? policy.fallbacks.get(model) ?? policy.fallbacks.get('*') ?? policy.defaultFallbacks)];
  return {
    general,
    context_window: [...(policy.contextWindowFallbacks.get(model) ?? general)],
    content_policy: [...(policy.contentPolicyFallbacks.get(model) ?? general)],
  };
}

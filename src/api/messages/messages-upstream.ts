import type { Request } from 'express';
import type { Deployment } from '../../deployments/deployment';
import type { CallOptions, ProviderAdapter } from '../../providers/provider-adapter.interface';
import { estimatePromptTokens } from '../../routing/prompt-size';
import { withoutGatewayFields } from '../shared/gateway-params.dto';
import type { MessagesRequest } from './messages.types';

export type NativeMessagesAdapter = ProviderAdapter & Required<Pick<ProviderAdapter, 'messages' | 'messagesStream'>>;

/** Anthropic deployments, and the deployments of other providers that serve Anthropic's API (Bedrock's Anthropic models). */
export function isNative(adapter: ProviderAdapter, deployment: Deployment): adapter is NativeMessagesAdapter {
  return typeof adapter.messages === 'function' && typeof adapter.messagesStream === 'function' && (adapter.servesMessages?.(deployment) ?? true);
}

/**
 * The body a native deployment gets: the caller's, without the gateway's
 * own fields (SPEC 6). Of `metadata`, which the sinks get whole, only
 * Anthropic's `user_id` goes upstream.
 */
export function messagesRequestOf(body: Record<string, unknown>): MessagesRequest {
  const request = withoutGatewayFields(body) as MessagesRequest;
  const userId = (body.metadata as { user_id?: unknown } | undefined)?.user_id;
  if (typeof userId === 'string') request.metadata = { user_id: userId };
  return request;
}

/** The caller's `anthropic-beta` header, for a native deployment (Claude Code sends its features here). */
export function anthropicBeta(req: Request): string | undefined {
  const value = req.headers['anthropic-beta'];
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined?.trim() ? joined.trim() : undefined;
}

export function withBeta(options: CallOptions, beta: string | undefined): CallOptions {
  return beta ? { ...options, forwardHeaders: { ...options.forwardHeaders, 'anthropic-beta': beta } } : options;
}

/** The gateway's rough count (four characters a token) of the system prompt, messages and tools. */
export function estimateInputTokens(request: MessagesRequest): number {
  const parts: Array<{ content?: unknown }> = [...request.messages];
  if (request.system !== undefined) parts.push({ content: request.system });
  if (request.tools?.length) parts.push({ content: request.tools });
  return estimatePromptTokens(parts);
}

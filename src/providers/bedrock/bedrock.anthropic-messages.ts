import { BadGatewayError } from '../../common/errors';
import type { CallOptions, NativeMessageEvent, NativeMessagesRequest } from '../provider-adapter.interface';

const PROVIDER = 'bedrock';

/** The version InvokeModel requires in an Anthropic body, instead of the header. */
export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

/** `anthropic.claude-…`, and the cross-region profiles `us.anthropic.…`, `eu.anthropic.…`, `global.anthropic.…`. */
export function isBedrockAnthropicModel(upstreamModel: string): boolean {
  return /^(?:[a-z]{2,6}\.)?anthropic\./.test(upstreamModel) || /:(?:inference-profile|foundation-model)\/(?:[a-z]{2,6}\.)?anthropic\./.test(upstreamModel);
}

/**
 * A Messages body for InvokeModel: the model is in the path, a stream in the
 * operation, the version in `anthropic_version`, and the caller's
 * `anthropic-beta` header becomes `anthropic_beta` (Bedrock reads it there);
 * everything else passes through as sent.
 */
export function toBedrockMessagesCall(request: NativeMessagesRequest, options: CallOptions): { body: Record<string, unknown>; options: CallOptions } {
  const { model: _model, stream: _stream, ...rest } = request;
  const { 'anthropic-beta': beta, ...forwardHeaders } = options.forwardHeaders ?? {};
  const betas = beta
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const body: Record<string, unknown> = { anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...rest };
  if (betas?.length) body.anthropic_beta = betas;
  return { body, options: { ...options, forwardHeaders } };
}

/** One `chunk` event of InvokeModelWithResponseStream: `{"bytes": base64 of an Anthropic stream event}`. */
export function decodeMessagesChunk(payload: string): NativeMessageEvent {
  try {
    const { bytes } = JSON.parse(payload) as { bytes?: string };
    const event = JSON.parse(Buffer.from(String(bytes), 'base64').toString('utf8')) as NativeMessageEvent;
    if (event && typeof event.type === 'string') return event;
  } catch {
    // reported below
  }
  throw new BadGatewayError(`${PROVIDER} sent a stream chunk that is not an Anthropic event`, { provider: PROVIDER });
}

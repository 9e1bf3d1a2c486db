import { randomUUID } from 'node:crypto';

/**
 * Gemini (2.5 and later) signs its function calls with a `thoughtSignature`
 * that must come back on the same part in the next turn, or thinking models
 * lose their reasoning (Gemini 3 refuses the request). OpenAI clients only
 * echo a tool call's id, so the signature travels inside it.
 */
const SIGNATURE_SEPARATOR = '__thought__';

export function encodeToolCallId(signature: string | undefined, id?: string): string {
  const base = id || `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  return signature ? `${base}${SIGNATURE_SEPARATOR}${signature}` : base;
}

/** The signature carried by a tool call id this adapter made, if any. */
export function thoughtSignatureOf(toolCallId: string | undefined): string | undefined {
  if (!toolCallId) return undefined;
  const at = toolCallId.indexOf(SIGNATURE_SEPARATOR);
  return at >= 0 ? toolCallId.slice(at + SIGNATURE_SEPARATOR.length) || undefined : undefined;
}

import { createHash, randomBytes } from 'node:crypto';

/** `sk-` and 43 URL-safe characters (32 random bytes, base64url). */
export function generateKeySecret(): string {
  return `sk-${randomBytes(32).toString('base64url')}`;
}

/** What is stored for a key, and what LiteLLM calls its `token`: SHA-256, hex. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Could this be one of our virtual keys? Anything else is refused without a database lookup. */
export function looksLikeVirtualKey(key: string): boolean {
  return /^sk-[A-Za-z0-9_-]{32,200}$/.test(key);
}

/** `sk-…Ab3x`: enough to recognise a key in a list, nothing to use it with. */
export function keyNameOf(key: string): string {
  return `sk-…${key.slice(-4)}`;
}

/** A `key` field may carry the key itself or its token (LiteLLM accepts both). */
export function tokenOf(keyOrToken: string): string {
  return /^[0-9a-f]{64}$/.test(keyOrToken) ? keyOrToken : hashKey(keyOrToken);
}

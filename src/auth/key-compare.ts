import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time: hashing first makes the comparison independent of length too. */
export function keysEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** A short, non-reversible name for a key, for logs and events. */
export function keyAlias(key: string): string {
  return `key-${digest(key).toString('hex').slice(0, 12)}`;
}

/** The caller's key: `Authorization: Bearer …`, or `api-key` (Azure clients), or `x-api-key`. */
export function extractKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1].trim();
  }
  for (const name of ['api-key', 'x-api-key']) {
    const v = headers[name];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

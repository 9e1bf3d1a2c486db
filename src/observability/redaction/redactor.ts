import { isSecretKey, REDACTED, redactString } from './secret-patterns';

export { REDACTED, redactString } from './secret-patterns';

/** Past this depth, ancestors are checked so a cyclic object cannot loop. */
const CYCLE_CHECK_DEPTH = 8;
const MAX_DEPTH = 64;

/**
 * Returns `value` with every secret replaced by `[REDACTED]`: values under
 * secret-looking keys (`api_key`, `Authorization`, `aws_secret_access_key`,
 * … at any depth, `user_config.model_list[].litellm_params` included) and
 * strings shaped like keys (`sk-…`, `Bearer …`, `AKIA…`). Copy-on-write: when
 * nothing matches, the very same object comes back and nothing is allocated.
 */
export function redact<T>(value: T): T {
  return walk(value, [], 0, redactString) as T;
}

/** `redact` with another string masker (SecretMasker adds the values the gateway knows). */
export function redactWith<T>(value: T, maskString: MaskString): T {
  return walk(value, [], 0, maskString) as T;
}

type MaskString = (text: string) => string;

function walk(value: unknown, ancestors: object[], depth: number, mask: MaskString): unknown {
  if (typeof value === 'string') return mask(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return redactError(value, ancestors, depth, mask);
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (depth >= MAX_DEPTH || (depth >= CYCLE_CHECK_DEPTH && ancestors.includes(value))) return '[Circular]';
  ancestors.push(value);
  try {
    return Array.isArray(value) ? walkArray(value, ancestors, depth, mask) : walkObject(value as Record<string, unknown>, ancestors, depth, mask);
  } finally {
    ancestors.pop();
  }
}

function walkArray(items: unknown[], ancestors: object[], depth: number, mask: MaskString): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const next = walk(items[i], ancestors, depth + 1, mask);
    if (next !== items[i]) {
      copy ??= items.slice();
      copy[i] = next;
    }
  }
  return copy ?? items;
}

function walkObject(obj: Record<string, unknown>, ancestors: object[], depth: number, mask: MaskString): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    const current = obj[key];
    const next = isSecretKey(key) ? redactSecretValue(current) : walk(current, ancestors, depth + 1, mask);
    if (next !== current) {
      copy ??= { ...obj };
      copy[key] = next;
    }
  }
  return copy ?? obj;
}

/** A value under a secret key: text and structures go; numbers, booleans and empties stay (they are not secrets). */
function redactSecretValue(value: unknown): unknown {
  if (value === null || value === undefined || value === '' || typeof value === 'number' || typeof value === 'boolean') return value;
  return REDACTED;
}

/** Errors keep their name and (redacted) message and stack, which JSON would otherwise drop. */
function redactError(err: Error, ancestors: object[], depth: number, mask: MaskString): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: mask(err.message) };
  if (err.stack) out.stack = mask(err.stack);
  for (const key of Object.keys(err)) {
    if (key === 'cause') continue;
    const v = (err as unknown as Record<string, unknown>)[key];
    out[key] = isSecretKey(key) ? redactSecretValue(v) : walk(v, ancestors, depth + 1, mask);
  }
  return out;
}

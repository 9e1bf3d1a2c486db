import { isSecretKey } from './secret-patterns';

/** Header names whose values are never secrets (everything else in a `headers` object may be). */
const HARMLESS_HEADERS = new Set(['content-type', 'accept', 'user-agent', 'content-encoding', 'accept-encoding', 'anthropic-version', 'anthropic-beta']);

/** Objects whose every value is a header value: a webhook's `headers`, a deployment's `extra_headers`. */
const HEADER_OBJECTS = /^(?:extra_?)?headers$/i;

/** Langfuse's public key travels with its secret key; shown to nobody either. */
const PAIRED_KEY = /public[-_]?key$/i;

/** The caller's key headers (OpenAI, Azure, Anthropic, Google spellings). */
const CALLER_KEY_HEADERS = ['authorization', 'api-key', 'x-api-key', 'x-goog-api-key', 'proxy-authorization'];

/** Environment variables holding credentials, by name: `AWS_SECRET_ACCESS_KEY`, `GEMINI_API_KEY`, `LANGFUSE_PUBLIC_KEY`, … */
const CREDENTIAL_VARIABLE = /(?:^|_)(?:API_?KEY|KEY|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|ACCESS_KEY_ID|SESSION_TOKEN|TOKEN|PASSWORD|PASSWD|MASTER_KEY|PUBLIC_KEY|PRIVATE_KEY|CREDENTIALS?)$/;

const MAX_DEPTH = 16;

/**
 * Every string under a secret-looking key (`api_key`, `aws_secret_access_key`,
 * `master_key`, `redis_password`, `secret_key`, `public_key`, …) and every
 * header value, at any depth of a config or a request body.
 */
export function secretsIn(value: unknown): string[] {
  const out: string[] = [];
  collect(value, false, out, new WeakSet(), 0);
  return out;
}

/** The credentials in the gateway's environment that a provider may fall back to. */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) if (value && CREDENTIAL_VARIABLE.test(name.toUpperCase())) out.push(value);
  return out;
}

/**
 * What a caller sent that is secret: its key headers, and the body's
 * client-side credentials (`api_key`, `aws_*`, …) and everything secret
 * inside its `user_config`. Prompts (`messages`, `input`) are not searched.
 */
export function callerSecrets(headers: Record<string, string | string[] | undefined>, body: unknown): string[] {
  const out: string[] = [];
  for (const name of CALLER_KEY_HEADERS) {
    const v = headers[name];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v);
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    for (const [key, v] of Object.entries(b)) {
      if (key === 'messages' || key === 'input' || key === 'metadata') continue;
      if (typeof v === 'string' && isSecret(key)) out.push(v);
    }
    out.push(...secretsIn(b.user_config), ...secretsIn(b.extra_headers));
  }
  return out;
}

function isSecret(key: string): boolean {
  return isSecretKey(key) || PAIRED_KEY.test(key);
}

function collect(value: unknown, underSecret: boolean, out: string[], seen: WeakSet<object>, depth: number): void {
  if (typeof value === 'string') {
    if (underSecret) out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) collect(item, underSecret, out, seen, depth + 1);
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (HEADER_OBJECTS.test(key) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [name, hv] of Object.entries(v as Record<string, unknown>)) {
        if (typeof hv === 'string' && !HARMLESS_HEADERS.has(name.toLowerCase())) out.push(hv);
      }
      continue;
    }
    collect(v, underSecret || isSecret(key), out, seen, depth + 1);
  }
}

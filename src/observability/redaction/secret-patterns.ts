/**
 * What a secret looks like, by key name and by value shape. Kept apart from
 * the walker so the lists can grow without touching the hot-path code.
 */

export const REDACTED = '[REDACTED]';

/**
 * Key names (lower-cased, separators removed: `x-api-key` → `xapikey`,
 * `apiKey` → `apikey`) whose string or object values are always secret.
 * Numbers and booleans under them are kept (`max_token: 5` is not a secret).
 */
const SECRET_KEY_SUFFIXES = [
  'apikey',
  'secret',
  'secretkey',
  'secretaccesskey',
  'accesskeyid',
  'token',
  'password',
  'passwd',
  'authorization',
  'cookie',
  'masterkey',
  'privatekey',
  'credential',
  'credentials',
  'signature',
];

const SECRET_KEY_NAME = new RegExp(`(?:${SECRET_KEY_SUFFIXES.join('|')})$`);

/** Keys are client-controlled, so the memo is bounded. */
const keyMemo = new Map<string, boolean>();
const KEY_MEMO_LIMIT = 2000;

export function isSecretKey(key: string): boolean {
  const known = keyMemo.get(key);
  if (known !== undefined) return known;
  const secret = SECRET_KEY_NAME.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
  if (keyMemo.size < KEY_MEMO_LIMIT) keyMemo.set(key, secret);
  return secret;
}

/**
 * Secrets written inside text: `api_key=…`, `"password": "…"`,
 * `Authorization: Bearer …`, `?key=…` in URLs. Case-insensitive, so kept
 * apart from the shapes below.
 */
const IN_TEXT = new RegExp(
  [
    String.raw`(?<kv>(?:api[-_]?key|secret(?:[-_]?access)?(?:[-_]?key)?|password|passwd|token|authorization)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])(?:(?:Bearer|Basic)\s+)?[^\s"'&,;}\]]+`,
    String.raw`(?<query>[?&](?:key|api[-_]?key|token|access[-_]?token|sig)=)(?!\[REDACTED\])[^&\s"'#]+`,
    // `key=…` / `key: …` followed by a long hex or base64 run with a digit in it (not "key: value").
    String.raw`(?<bare>\b(?:key|access[-_]?key|private[-_]?key)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])(?=[A-Za-z0-9+/_\-]*\d)[A-Za-z0-9+/_\-]{16,}=*`,
  ].join('|'),
  'gi',
);

/** Well-known key shapes, anywhere in a string (case matters). */
const KEY_SHAPES = new RegExp(
  [
    // `Bearer …` / `Basic …` with a credential-looking token (not "Basic understanding").
    String.raw`(?<scheme>\b(?:Bearer|Basic)\s+)(?!\[REDACTED\])(?=[A-Za-z]*[0-9\-._~+/=])[A-Za-z0-9\-._~+/]{8,}=*`,
    String.raw`(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{8,}`, // OpenAI sk-…, sk-proj-…, Anthropic sk-ant-…
    String.raw`(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{8,}`,
    String.raw`(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])`, // AWS access key ids
    String.raw`AIza[0-9A-Za-z\-_]{35}`, // Google API keys
    String.raw`\bgh[pousr]_[A-Za-z0-9]{30,}`,
    String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
    String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`, // JWTs
  ].join('|'),
  'g',
);

const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A 40-char base64 run: an AWS secret key when an access key id sits in the same text. */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * One cheap scan that every pattern above implies: most text (prompts,
 * answers) fails it, and then the three full scans are skipped.
 */
const MAYBE_SECRET = /sk-|[sr]k_|AKIA|ASIA|AIza|gh[pousr]_|xox[abprs]-|eyJ|Bearer|Basic|api[-_]?key|secret|passw|token|authorization|[?&](?:key|sig)=|key["']?\s*[:=]/i;

/** Shortest string any pattern above can match: below it, no scan at all. */
const MIN_SECRET_LENGTH = 8;

function replaceInText(match: string, ...args: unknown[]): string {
  const groups = args[args.length - 1] as Record<string, string | undefined>;
  const prefix = groups?.kv ?? groups?.query ?? groups?.bare ?? groups?.scheme;
  return prefix === undefined ? REDACTED : prefix + REDACTED;
}

/** The string with every secret replaced, or the same string when none was found. */
export function redactString(text: string): string {
  if (text.length < MIN_SECRET_LENGTH || !MAYBE_SECRET.test(text)) return text;
  const hasAwsId = AWS_ACCESS_KEY_ID.test(text);
  let out = text.replace(IN_TEXT, replaceInText).replace(KEY_SHAPES, replaceInText);
  if (hasAwsId) out = out.replace(AWS_SECRET_KEY, REDACTED);
  return out;
}

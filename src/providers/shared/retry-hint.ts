import { parseRetryAfter } from './upstream-error.mapper';
import { headerValue, UpstreamResponse } from './upstream-http.client';

/**
 * When a rate window resets, as providers announce it on every answer:
 * OpenAI / Azure / Cohere-style `x-ratelimit-reset-*` (a duration such as
 * `1s`, `6m0s`, `20ms`, or seconds; `x-ratelimit-reset` may be an epoch) and
 * Anthropic's `anthropic-ratelimit-*-reset` (an RFC 3339 time).
 */
const RESET_HEADERS = [
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
  'x-ratelimit-reset',
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-tokens-reset',
  'anthropic-ratelimit-input-tokens-reset',
  'anthropic-ratelimit-output-tokens-reset',
];

const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
/** A bare number this large is a Unix time, not a number of seconds. */
const EPOCH_SECONDS = 1_000_000_000;

/**
 * The provider's own hint of how long to wait, in seconds: `Retry-After` /
 * `retry-after-ms` on any error; on a 429 also the reset time of its rate
 * window (read only then, since providers send those headers on every answer).
 */
export function retryHintSeconds(status: number | undefined, headers: UpstreamResponse['headers'], now = Date.now()): number | undefined {
  const direct = parseRetryAfter(headers, now);
  if (direct !== undefined || status !== 429) return direct;
  let longest: number | undefined;
  for (const name of RESET_HEADERS) {
    const raw = headerValue(headers, name);
    const seconds = raw === undefined ? undefined : resetSeconds(raw.trim(), now);
    if (seconds !== undefined && (longest === undefined || seconds > longest)) longest = seconds;
  }
  return longest;
}

/** One reset header's value in seconds from `now`, or undefined when it is not a time. */
export function resetSeconds(raw: string, now: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    return n >= EPOCH_SECONDS ? Math.max(0, n - now / 1000) : n;
  }
  const d = raw ? DURATION.exec(raw) : null;
  if (d && d.slice(1).some((part) => part !== undefined)) {
    const [h, m, s, ms] = d.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
    return h * 3600 + m * 60 + s + ms / 1000;
  }
  const date = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** `30s`, `15m`, `1h`, `7d`, `30d` (LiteLLM's `budget_duration` / `duration`) in milliseconds; undefined when malformed. */
export function durationMs(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^\s*(\d+)\s*(s|m|h|d|w|mo)\s*$/.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]);
  if (n <= 0) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, mo: 30 * 86_400_000 }[match[2] as 's'];
  return n * unit;
}

/**
 * The next reset after `now`: the schedule started at `resetAt` advanced by
 * whole durations (so a gateway that was down for three periods does not
 * reset three times, and the period boundaries stay where they were).
 */
export function nextResetAt(resetAt: Date | null, duration: number, now: Date): Date {
  if (!resetAt) return new Date(now.getTime() + duration);
  const behind = now.getTime() - resetAt.getTime();
  if (behind < 0) return resetAt;
  return new Date(resetAt.getTime() + (Math.floor(behind / duration) + 1) * duration);
}

/** Whole seconds until `at` (at least 1), for Retry-After. */
export function secondsUntil(at: Date, now: number): number {
  return Math.max(1, Math.ceil((at.getTime() - now) / 1000));
}

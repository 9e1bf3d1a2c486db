const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** LiteLLM's durations: `30s`, `15m`, `1h`, `7d`, `30d`. Returns milliseconds, or undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 ? n * UNIT_MS[m[2]] : undefined;
}

export const DURATION_PATTERN = /^\d{1,6}[smhd]$/;

/** `now + duration`, or null when none was given. */
export function expiryFrom(duration: string | null | undefined, now = new Date()): Date | null {
  if (!duration) return null;
  const ms = parseDuration(duration);
  return ms === undefined ? null : new Date(now.getTime() + ms);
}

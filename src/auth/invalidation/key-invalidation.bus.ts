/** What changed: keys by token, teams by id (their keys with them), or everything (a missed message). */
export interface KeyChange {
  readonly tokens?: readonly string[];
  readonly teams?: readonly string[];
  /** Set after a reconnect, when messages may have been missed: re-read every cached key on next use. */
  readonly all?: boolean;
}

export type KeyChangeHandler = (change: KeyChange) => void;

/**
 * Tells every replica's key cache what changed. `publish` applies the change
 * on this replica at once, then sends it to the others (best effort: a
 * replica that missed messages re-reads its cache when it reconnects).
 */
export interface KeyInvalidationBus {
  publish(change: KeyChange): Promise<void>;
  subscribe(handler: KeyChangeHandler): void;
  close(): Promise<void>;
}

/** Payloads are kept small (PostgreSQL NOTIFY takes under 8000 bytes): tokens are sent in chunks. */
export function chunkChange(change: KeyChange, size = 50): KeyChange[] {
  const tokens = change.tokens ?? [];
  if (tokens.length <= size) return [change];
  const out: KeyChange[] = [];
  for (let i = 0; i < tokens.length; i += size) out.push({ tokens: tokens.slice(i, i + size), ...(i === 0 ? { teams: change.teams, all: change.all } : {}) });
  return out;
}

/** A message from another replica, or nothing if it is not one of ours. */
export function parseKeyChange(payload: string): { origin: string; change: KeyChange } | undefined {
  try {
    const msg = JSON.parse(payload) as { origin?: unknown; tokens?: unknown; teams?: unknown; all?: unknown };
    if (typeof msg.origin !== 'string') return undefined;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
    return { origin: msg.origin, change: { tokens: strings(msg.tokens), teams: strings(msg.teams), all: msg.all === true } };
  } catch {
    return undefined;
  }
}

import type { TeamRecord, VirtualKeyRecord } from '../keys/keys.types';
import type { KeyChange } from './invalidation/key-invalidation.bus';

export interface CachedKey {
  readonly key: VirtualKeyRecord;
  readonly team: TeamRecord | null;
}

interface Entry extends CachedKey {
  loadedAt: number;
  stale: boolean;
}

/** Re-read a cached key this often even without a change message (a safety net, not the mechanism). */
export const KEY_CACHE_TTL_MS = 60_000;
/** How long an unknown token is remembered, so a stream of wrong keys does not hit the database. */
export const UNKNOWN_KEY_TTL_MS = 5_000;
const MAX_ENTRIES = 100_000;

/**
 * The hot path's view of virtual keys: token (SHA-256) → key + team record.
 * A lookup is a map access on the hash, so no secret is compared. Entries
 * leave on a change message; a stale entry is still served when the
 * database cannot be reached.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly unknown = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh entry, or undefined (then `stale()` may still give one to fall back on). */
  fresh(token: string): CachedKey | undefined {
    const e = this.entries.get(token);
    if (!e || e.stale || this.now() - e.loadedAt > KEY_CACHE_TTL_MS) return undefined;
    return e;
  }

  stale(token: string): CachedKey | undefined {
    return this.entries.get(token);
  }

  isKnownUnknown(token: string): boolean {
    const until = this.unknown.get(token);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.unknown.delete(token);
    return false;
  }

  set(token: string, value: CachedKey): void {
    this.unknown.delete(token);
    this.entries.delete(token);
    this.entries.set(token, { ...value, loadedAt: this.now(), stale: false });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  setUnknown(token: string): void {
    this.entries.delete(token);
    this.unknown.set(token, this.now() + UNKNOWN_KEY_TTL_MS);
    if (this.unknown.size > MAX_ENTRIES) this.unknown.delete(this.unknown.keys().next().value!);
  }

  apply(change: KeyChange): void {
    for (const token of change.tokens ?? []) {
      this.entries.delete(token);
      this.unknown.delete(token);
    }
    if (change.teams?.length) {
      const teams = new Set(change.teams);
      for (const [token, e] of this.entries) if (e.key.team_id && teams.has(e.key.team_id)) this.entries.delete(token);
    }
    if (change.all) {
      for (const e of this.entries.values()) e.stale = true;
      this.unknown.clear();
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

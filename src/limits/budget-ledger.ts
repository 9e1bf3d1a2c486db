import { nextResetAt, durationMs, secondsUntil } from './budget-duration';
import { subjectKey, type LimitSubject } from './limit-subject';

interface Entry {
  /** Spend in the database when last read. */
  base: number;
  /** Settled here, not yet in `base` (waiting to be written, or written but not yet read back). */
  pending: number;
  /** Estimates of the calls in flight here. */
  reserved: number;
  inFlight: number;
  resetAt: Date | null;
  touchedAt: number;
}

export type BudgetVerdict = { ok: true } | { ok: false; subject: LimitSubject; spent: number; retryAfterSeconds?: number };

export interface Reservation {
  readonly ids: readonly string[];
  readonly estimate: number;
}

/** Entries idle this long (and with nothing in flight or pending) are forgotten. */
const IDLE_MS = 15 * 60_000;

/**
 * What each key and team has spent, as this replica knows it: the database's
 * figure when last read plus what settled here since, plus estimates of the
 * calls in flight. A call is refused when spend + reservations has reached
 * the budget, so concurrent calls overshoot by at most their own cost. Pure:
 * the caller passes the time; no I/O.
 */
export class BudgetLedger {
  private readonly entries = new Map<string, Entry>();

  /** The first subject over its budget, or ok. */
  check(subjects: readonly LimitSubject[], now: number): BudgetVerdict {
    for (const subject of subjects) {
      if (subject.maxBudget === null || subject.maxBudget === undefined) continue;
      const entry = this.entry(subject, now);
      const spent = this.spentOf(entry, subject, now);
      if (spent + entry.reserved >= subject.maxBudget) {
        const retryAfterSeconds = entry.resetAt ? secondsUntil(entry.resetAt, now) : undefined;
        return { ok: false, subject, spent, retryAfterSeconds };
      }
    }
    return { ok: true };
  }

  reserve(subjects: readonly LimitSubject[], estimate: number, now: number): Reservation {
    const ids = subjects.map((s) => {
      const entry = this.entry(s, now);
      entry.reserved += estimate;
      entry.inFlight += 1;
      return subjectKey(s);
    });
    return { ids, estimate };
  }

  /** The call ended: its estimate is released and its real cost (0 when unpriced) counted. */
  settle(reservation: Reservation, cost: number, now: number): void {
    for (const id of reservation.ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.reserved = Math.max(0, entry.reserved - reservation.estimate);
      entry.inFlight = Math.max(0, entry.inFlight - 1);
      entry.pending += cost;
      entry.touchedAt = now;
    }
  }

  /** Spend written to the database and read back in the same step: `written` moves from pending to base. */
  applyFlush(id: string, written: number, spend: number, resetAt: Date | null): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.pending = Math.max(0, entry.pending - written);
    entry.base = spend;
    entry.resetAt = resetAt;
  }

  /** The database's current figure (other replicas' spend, resets, admin changes). */
  refresh(id: string, spend: number, resetAt: Date | null): void {
    this.applyFlush(id, 0, spend, resetAt);
  }

  /** Ids to read back from the database, forgetting idle ones. */
  known(now: number): string[] {
    for (const [id, e] of this.entries) {
      if (e.inFlight === 0 && e.pending === 0 && now - e.touchedAt > IDLE_MS) this.entries.delete(id);
    }
    return [...this.entries.keys()];
  }

  private entry(subject: LimitSubject, now: number): Entry {
    const id = subjectKey(subject);
    let entry = this.entries.get(id);
    // Only a new entry starts from the record's spend. Later records are no fresher than the entry: every key of
    // a team carries its own copy of the team, read when that key was cached, and a record read before the last
    // flush lacks what that flush wrote. The database's figure reaches the entry through `applyFlush` / `refresh`.
    if (!entry) {
      entry = { base: subject.spend, pending: 0, reserved: 0, inFlight: 0, resetAt: subject.budgetResetAt, touchedAt: now };
      this.entries.set(id, entry);
    }
    entry.touchedAt = now;
    return entry;
  }

  /** A reset that is due counts as done here (the reset job writes it to the database shortly). */
  private spentOf(entry: Entry, subject: LimitSubject, now: number): number {
    const duration = durationMs(subject.budgetDuration);
    if (duration !== undefined && entry.resetAt && entry.resetAt.getTime() <= now) {
      entry.base = 0;
      entry.pending = 0;
      entry.resetAt = nextResetAt(entry.resetAt, duration, new Date(now));
    }
    return entry.base + entry.pending;
  }
}

import { RateLimitError } from '../common/errors';
import type { RouterStateStore } from '../routing/state/router-state.store';
import { subjectKey, type LimitSubject } from './limit-subject';

const secondsToNextMinute = (now: number): number => Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));

const counterId = (s: LimitSubject): string => `limits:${subjectKey(s)}`;

/** Handle of an admitted call: end it once, with the tokens it used. */
export interface AdmittedCall {
  end(tokens: number | undefined, now: number): void;
}

/**
 * rpm / tpm / max_parallel_requests per key and per team, counted in the
 * router state store (shared through Redis when configured, else in memory,
 * failing open to memory as routing does). Counts first, then checks: two
 * racing calls may both be refused at the edge, never both admitted over it.
 */
export class RateLimiter {
  /** The last admission of each counter here: admissions of one key (or team) take turns on this replica. */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly store: RouterStateStore) {}

  /**
   * Counting and checking are two steps: calls of one key that ran them interleaved (a burst, or calls
   * resuming together from one key lookup) would all count before any checked, and all be refused, even
   * those under the limit. So on this replica they take turns per counter; across replicas the edge
   * case stays (refused, never admitted over the limit).
   */
  async admit(subjects: readonly LimitSubject[], now: number): Promise<AdmittedCall> {
    const limited = subjects.filter((s) => s.rpmLimit !== null || s.tpmLimit !== null || s.maxParallel !== null);
    if (limited.length === 0) return NOT_COUNTED;
    const ids = limited.map(counterId);
    const before = ids.map((id) => this.tails.get(id));
    const run = Promise.all(before).then(() => this.count(limited, ids, now));
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    for (const id of ids) this.tails.set(id, done);
    void done.then(() => {
      for (const id of ids) if (this.tails.get(id) === done) this.tails.delete(id);
    });
    return run;
  }

  private async count(limited: readonly LimitSubject[], ids: readonly string[], now: number): Promise<AdmittedCall> {
    await Promise.all(ids.map((id) => this.store.beginRequest(id, now)));
    const admitted: AdmittedCall = {
      end: (tokens, at) => {
        for (const id of ids) void this.store.endRequest(id, { tokens }, at).catch(() => undefined);
      },
    };
    let states;
    try {
      states = await this.store.snapshot(ids, now);
    } catch (err) {
      admitted.end(undefined, now);
      throw err;
    }
    for (const s of limited) {
      const state = states.get(counterId(s));
      if (!state) continue;
      const over = overLimit(s, state, now);
      if (over) {
        admitted.end(undefined, now);
        throw new RateLimitError(`Rate limit reached for ${s.kind === 'key' ? 'this key' : `team ${s.id}`}: ${over.what}. Try again in ${over.retryAfter}s.`, {
          code: over.code,
          retryAfterSeconds: over.retryAfter,
          retryable: false,
        });
      }
    }
    return admitted;
  }
}

const NOT_COUNTED: AdmittedCall = { end: () => undefined };

/** This call is counted in `state` already (rpm and in-flight include it; tpm holds earlier calls' tokens). */
function overLimit(s: LimitSubject, state: { rpm: number; tpm: number; inFlight: number }, now: number) {
  if (s.maxParallel !== null && state.inFlight > s.maxParallel) {
    return { what: `max_parallel_requests ${s.maxParallel}`, code: 'max_parallel_requests_exceeded', retryAfter: 1 };
  }
  if (s.rpmLimit !== null && state.rpm > s.rpmLimit) {
    return { what: `rpm_limit ${s.rpmLimit}`, code: 'rpm_limit_exceeded', retryAfter: secondsToNextMinute(now) };
  }
  if (s.tpmLimit !== null && state.tpm >= s.tpmLimit) {
    return { what: `tpm_limit ${s.tpmLimit}`, code: 'tpm_limit_exceeded', retryAfter: secondsToNextMinute(now) };
  }
  return undefined;
}

import { Injectable } from '@nestjs/common';

const BUCKET_MS = 60_000;
/** How far back "recent" success rates look. */
export const OUTCOME_WINDOW_MINUTES = 5;

interface Bucket {
  minute: number;
  ok: number;
  failed: number;
}

export interface OutcomeRate {
  ok: number;
  failed: number;
  /** ok / (ok + failed); undefined before any call. */
  successRate?: number;
}

/**
 * This replica's recent call outcomes per deployment, in one-minute buckets
 * (bounded: OUTCOME_WINDOW_MINUTES buckets per deployment). Read by GET
 * /health; recorded by OutcomeRecordingStore from the router's own calls,
 * so reporting health spends no tokens.
 */
@Injectable()
export class DeploymentOutcomes {
  private readonly buckets = new Map<string, Bucket[]>();

  record(id: string, ok: boolean, now: number): void {
    const minute = Math.floor(now / BUCKET_MS);
    const list = this.buckets.get(id) ?? [];
    let bucket = list[list.length - 1];
    if (!bucket || bucket.minute !== minute) {
      bucket = { minute, ok: 0, failed: 0 };
      list.push(bucket);
      while (list.length > OUTCOME_WINDOW_MINUTES) list.shift();
    }
    if (ok) bucket.ok++;
    else bucket.failed++;
    this.buckets.set(id, list);
  }

  rate(id: string, now: number): OutcomeRate {
    const oldest = Math.floor(now / BUCKET_MS) - OUTCOME_WINDOW_MINUTES + 1;
    let ok = 0;
    let failed = 0;
    for (const b of this.buckets.get(id) ?? []) {
      if (b.minute < oldest) continue;
      ok += b.ok;
      failed += b.failed;
    }
    return { ok, failed, successRate: ok + failed > 0 ? ok / (ok + failed) : undefined };
  }
}

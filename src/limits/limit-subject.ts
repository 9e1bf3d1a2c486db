/** A virtual key or its team, as limits and budgets see it (read from the auth guard's caller record). */
export interface LimitSubject {
  readonly kind: 'key' | 'team';
  /** The key's token (SHA-256 hex) or the team id. */
  readonly id: string;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  /** Keys only. */
  readonly maxParallel: number | null;
  readonly maxBudget: number | null;
  readonly budgetDuration: string | null;
  readonly budgetResetAt: Date | null;
  /** Spend as the record was last read from the database. */
  readonly spend: number;
  /** The record this was read from: a new object means a fresh read (after an update or invalidation). */
  readonly source: object;
}

/** `key:<token>` / `team:<id>`, the subject's id in shared counters and the ledger. */
export const subjectKey = (s: Pick<LimitSubject, 'kind' | 'id'>): string => `${s.kind}:${s.id}`;

import { BudgetLedger } from './budget-ledger';
import type { LimitSubject } from './limit-subject';

const source = {};
const key = (over: Partial<LimitSubject> = {}): LimitSubject => ({
  kind: 'key',
  id: 'tok',
  rpmLimit: null,
  tpmLimit: null,
  maxParallel: null,
  maxBudget: 1,
  budgetDuration: null,
  budgetResetAt: null,
  spend: 0,
  source,
  ...over,
});

describe('BudgetLedger', () => {
  it('admits under the budget and refuses once spend reaches it', () => {
    const ledger = new BudgetLedger();
    const k = key();
    expect(ledger.check([k], 0).ok).toBe(true);
    const r = ledger.reserve([k], 0.4, 0);
    ledger.settle(r, 1, 0);
    const verdict = ledger.check([k], 0);
    expect(verdict).toMatchObject({ ok: false, spent: 1 });
    expect(verdict.ok === false && verdict.retryAfterSeconds).toBeUndefined();
  });

  it('starts from the spend the record was read with', () => {
    const ledger = new BudgetLedger();
    expect(ledger.check([key({ spend: 1.5 })], 0).ok).toBe(false);
  });

  it('counts in-flight reservations, so concurrent calls overshoot by at most their own cost', () => {
    const ledger = new BudgetLedger();
    const k = key({ spend: 0.5 });
    ledger.reserve([k], 0.3, 0);
    expect(ledger.check([k], 0).ok).toBe(true);
    ledger.reserve([k], 0.3, 0);
    expect(ledger.check([k], 0).ok).toBe(false); // 0.5 + 0.6 reserved
  });

  it('releases the estimate when the call settles at its real cost', () => {
    const ledger = new BudgetLedger();
    const k = key();
    const r = ledger.reserve([k], 0.9, 0);
    expect(ledger.check([k], 0).ok).toBe(true);
    ledger.reserve([k], 0.2, 0);
    expect(ledger.check([k], 0).ok).toBe(false);
    ledger.settle(r, 0.1, 0);
    expect(ledger.check([k], 0).ok).toBe(true); // 0.1 spent + 0.2 reserved
  });

  it('refuses on the team budget when the key has none', () => {
    const ledger = new BudgetLedger();
    const team: LimitSubject = { ...key({ kind: 'team', id: 't1', spend: 5, maxBudget: 5 }) };
    const verdict = ledger.check([key({ maxBudget: null }), team], 0);
    expect(verdict).toMatchObject({ ok: false, subject: { kind: 'team', id: 't1' } });
  });

  it('tells the seconds until the reset, and a due reset zeroes the spend', () => {
    const ledger = new BudgetLedger();
    const resetAt = new Date(60_000);
    const k = key({ spend: 2, budgetDuration: '1m', budgetResetAt: resetAt });
    expect(ledger.check([k], 30_000)).toMatchObject({ ok: false, retryAfterSeconds: 30 });
    expect(ledger.check([k], 60_000).ok).toBe(true);
  });

  it('moves flushed spend from pending to the database figure', () => {
    const ledger = new BudgetLedger();
    const k = key();
    ledger.settle(ledger.reserve([k], 0, 0), 0.6, 0);
    ledger.applyFlush('key:tok', 0.6, 0.6, null);
    expect(ledger.check([k], 0).ok).toBe(true);
    ledger.refresh('key:tok', 1.2, null); // another replica spent too
    expect(ledger.check([k], 0).ok).toBe(false);
  });

  it('keeps what settled here when another copy of the record comes along (two keys of one team)', () => {
    const ledger = new BudgetLedger();
    const team = (spend: number): LimitSubject => ({ ...key({ spend, source: {} }), kind: 'team', id: 'team-1' });
    const r = ledger.reserve([team(0)], 0, 0);
    ledger.settle(r, 0.6, 0);
    ledger.applyFlush('team:team-1', 0.6, 0.6, null);
    ledger.settle(ledger.reserve([team(0)], 0, 0), 0.5, 0);
    // The second key's copy of the team was read before any of this: it does not undo it.
    expect(ledger.check([team(0)], 0)).toMatchObject({ ok: false, spent: 1.1 });
  });

  it('takes the database figure on refresh (another replica reset the budget)', () => {
    const ledger = new BudgetLedger();
    ledger.check([key({ spend: 3 })], 0);
    ledger.refresh('key:tok', 0, null);
    expect(ledger.check([key({ spend: 3, source: {} })], 0).ok).toBe(true);
  });

  it('forgets idle entries only', () => {
    const ledger = new BudgetLedger();
    ledger.reserve([key()], 0, 0);
    ledger.check([key({ id: 'idle' })], 0);
    expect(ledger.known(16 * 60_000)).toEqual(['key:tok']);
  });
});

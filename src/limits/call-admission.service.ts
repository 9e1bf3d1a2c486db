import { Inject, Injectable } from '@nestjs/common';
import type { CallRecord } from '../common/context/call-record';
import { BudgetExceededError } from '../common/errors';
import type { CallAdmission } from '../routing/routing.di-tokens';
import { ROUTER_STATE_STORE, type RouterStateStore } from '../routing/state/router-state.store';
import { SpendRecorder } from '../spend/spend.recorder';
import { BudgetLedger } from './budget-ledger';
import { subjectsOf } from './call-subjects';
import { CostEstimator } from './cost-estimator';
import { RateLimiter } from './rate-limiter';

/** A call is admitted once, even when routing is entered again (fallback to another router). */
const ADMITTED = new WeakSet<CallRecord>();

/**
 * Before any upstream call of a virtual-key call: the key's and team's
 * budgets (429 insufficient_quota), then their rpm / tpm / parallel limits
 * (429 rate_limit_error). An admitted call reserves its estimated cost; when
 * it ends, the reservation is settled at the real price and its spend row is
 * recorded. Master-key and open calls pass untouched.
 */
@Injectable()
export class CallAdmissionService implements CallAdmission {
  private readonly limiter: RateLimiter;
  private readonly estimator = new CostEstimator();

  constructor(
    @Inject(ROUTER_STATE_STORE) store: RouterStateStore,
    private readonly ledger: BudgetLedger,
    private readonly recorder: SpendRecorder,
  ) {
    this.limiter = new RateLimiter(store);
  }

  async admit(call: CallRecord, model: string): Promise<void> {
    if (call.caller?.kind !== 'virtual' || ADMITTED.has(call)) return;
    ADMITTED.add(call);
    (call.onEnd ??= []).push((ended) => this.recorder.record(ended)); // refused calls leave their row too
    const subjects = subjectsOf(call.caller);
    const now = Date.now();
    const verdict = this.ledger.check(subjects, now);
    if (!verdict.ok) {
      const who = verdict.subject.kind === 'key' ? 'this key' : `team ${verdict.subject.id}`;
      throw new BudgetExceededError(`Budget has been exceeded for ${who}: spend ${round(verdict.spent)} USD, max_budget ${verdict.subject.maxBudget} USD.`, {
        code: 'budget_exceeded',
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    // Reserved in the same tick as the check: calls that resume together (one key lookup) see each other's estimates.
    const reservation = this.ledger.reserve(subjects, this.estimator.estimate(model), now);
    let counted;
    try {
      counted = await this.limiter.admit(subjects, now);
    } catch (err) {
      this.ledger.settle(reservation, 0, Date.now());
      throw err;
    }
    // Ahead of the row (so the ledger settles first); a stream's pricing hook, added later, goes ahead of both.
    call.onEnd.unshift((ended) => {
      const end = Date.now();
      counted.end(ended.usage?.total_tokens, end);
      this.ledger.settle(reservation, ended.cost ?? 0, end);
      this.estimator.observe(model, ended.cost);
    });
  }
}

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

import type { Caller, TeamRecord, VirtualKeyRecord } from '../keys/keys.types';
import type { LimitSubject } from './limit-subject';

const fromKey = (k: VirtualKeyRecord): LimitSubject => ({
  kind: 'key',
  id: k.token,
  rpmLimit: k.rpm_limit,
  tpmLimit: k.tpm_limit,
  maxParallel: k.max_parallel_requests,
  maxBudget: k.max_budget,
  budgetDuration: k.budget_duration,
  budgetResetAt: k.budget_reset_at,
  spend: k.spend,
  source: k,
});

const fromTeam = (t: TeamRecord): LimitSubject => ({
  kind: 'team',
  id: t.team_id,
  rpmLimit: t.rpm_limit,
  tpmLimit: t.tpm_limit,
  maxParallel: null,
  maxBudget: t.max_budget,
  budgetDuration: t.budget_duration,
  budgetResetAt: t.budget_reset_at,
  spend: t.spend,
  source: t,
});

/** The key and its team a virtual-key call is limited by; none for the master key or an open gateway. */
export function subjectsOf(caller: Caller | undefined): LimitSubject[] {
  if (caller?.kind !== 'virtual' || !caller.key) return [];
  return caller.team ? [fromKey(caller.key), fromTeam(caller.team)] : [fromKey(caller.key)];
}

import type { Deployment } from '../deployments/deployment';
import { EMPTY_STATE, type DeploymentState } from './state/router-state.store';

export type DropReason = 'cooldown' | 'rpm_limit' | 'tpm_limit' | 'context_window' | 'already_tried';

export interface CandidateVerdict {
  deployment: Deployment;
  kept: boolean;
  reason: string;
  drop?: DropReason;
}

/** `model_info.max_input_tokens` (or `max_tokens`); 0 when the deployment declares none. */
export function inputLimit(deployment: Deployment): number {
  return Number(deployment.modelInfo.max_input_tokens ?? deployment.modelInfo.max_tokens ?? 0);
}

/**
 * Which deployments of a model may take this call now, and why the others
 * may not. The same verdicts serve routing and `/admin/routes/explain`.
 */
export function judgeCandidates(
  deployments: readonly Deployment[],
  states: ReadonlyMap<string, DeploymentState>,
  now: number,
  options: { tried?: ReadonlySet<string>; promptTokens?: number } = {},
): CandidateVerdict[] {
  return deployments.map((deployment) => {
    const s = states.get(deployment.id) ?? EMPTY_STATE;
    const { rpm, tpm } = deployment.params;
    const maxInput = inputLimit(deployment);
    if (s.cooldownUntil > now) {
      return { deployment, kept: false, drop: 'cooldown', reason: `cooling down until ${new Date(s.cooldownUntil).toISOString()}` };
    }
    if (rpm !== undefined && s.rpm >= rpm) return { deployment, kept: false, drop: 'rpm_limit', reason: `at rpm limit (${s.rpm}/${rpm})` };
    if (tpm !== undefined && s.tpm >= tpm) return { deployment, kept: false, drop: 'tpm_limit', reason: `at tpm limit (${s.tpm}/${tpm})` };
    if (maxInput > 0 && options.promptTokens !== undefined && options.promptTokens > maxInput) {
      return { deployment, kept: false, drop: 'context_window', reason: `over context window (~${options.promptTokens} > ${maxInput} tokens)` };
    }
    if (options.tried?.has(deployment.id)) return { deployment, kept: false, drop: 'already_tried', reason: 'already failed in this call' };
    return { deployment, kept: true, reason: 'available' };
  });
}

/** Seconds until the soonest deployment comes back (for Retry-After). */
export function secondsUntilAvailable(verdicts: readonly CandidateVerdict[], states: ReadonlyMap<string, DeploymentState>, now: number): number {
  let soonest = Infinity;
  for (const v of verdicts) {
    const s = states.get(v.deployment.id) ?? EMPTY_STATE;
    if (v.drop === 'cooldown') soonest = Math.min(soonest, s.cooldownUntil - now);
    if (v.drop === 'rpm_limit' || v.drop === 'tpm_limit') soonest = Math.min(soonest, 60_000 - (now % 60_000));
  }
  return Number.isFinite(soonest) ? Math.max(1, Math.ceil(soonest / 1000)) : 1;
}

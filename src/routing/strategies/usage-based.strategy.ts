import type { Deployment } from '../../deployments/deployment';
import { EMPTY_STATE, type DeploymentState } from '../state/router-state.store';
import type { RoutingStrategy, StrategyPick } from './routing-strategy.interface';
import { lowestWithTies } from './weighted-choice';

/**
 * The deployment with the lowest use of its limits this minute: the larger of
 * tpm/tpm-limit and rpm/rpm-limit; without limits, the fewest tokens used.
 */
export class UsageBasedStrategy implements RoutingStrategy {
  readonly name = 'usage-based-routing' as const;

  pick(candidates: readonly Deployment[], states: ReadonlyMap<string, DeploymentState>, random: () => number): StrategyPick {
    const deployment = lowestWithTies(candidates, (d) => usageScore(d, states.get(d.id) ?? EMPTY_STATE), random);
    const s = states.get(deployment.id) ?? EMPTY_STATE;
    return { deployment, reason: `usage-based: ${s.tpm} tokens, ${s.rpm} requests this minute (${(usageScore(deployment, s) * 100).toFixed(0)}% of limit)` };
  }

  describe(candidate: Deployment, _candidates: unknown, states: ReadonlyMap<string, DeploymentState>): string {
    const s = states.get(candidate.id) ?? EMPTY_STATE;
    const { rpm, tpm } = candidate.params;
    if (!rpm && !tpm) return `${s.tpm} tokens this minute, no limits`;
    return `${(usageScore(candidate, s) * 100).toFixed(0)}% of limit (tpm ${s.tpm}/${tpm ?? '-'}, rpm ${s.rpm}/${rpm ?? '-'})`;
  }
}

export function usageScore(d: Deployment, s: DeploymentState): number {
  const { rpm, tpm } = d.params;
  if (!rpm && !tpm) return s.tpm / 1e9; // no limits: fewest tokens, always below any limited share
  return Math.max(tpm ? s.tpm / tpm : 0, rpm ? s.rpm / rpm : 0);
}

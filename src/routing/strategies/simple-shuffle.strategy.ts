import type { Deployment } from '../../deployments/deployment';
import type { RoutingStrategy, StrategyPick } from './routing-strategy.interface';
import { weightedIndex } from './weighted-choice';

/**
 * LiteLLM's default: random, weighted by `weight`; when no deployment has a
 * weight, by `rpm`, then by `tpm`; else uniform.
 */
export class SimpleShuffleStrategy implements RoutingStrategy {
  readonly name = 'simple-shuffle' as const;

  pick(candidates: readonly Deployment[], _states: unknown, random: () => number): StrategyPick {
    const { weights, basis } = shuffleWeights(candidates);
    const deployment = candidates[weightedIndex(weights, random)];
    const total = weights.reduce((a, b) => a + b, 0);
    const share = total > 0 ? weights[candidates.indexOf(deployment)] / total : 1 / candidates.length;
    return { deployment, reason: `simple-shuffle by ${basis}: ${(share * 100).toFixed(0)}% chance` };
  }

  describe(candidate: Deployment, candidates: readonly Deployment[]): string {
    const { weights, basis } = shuffleWeights(candidates);
    const total = weights.reduce((a, b) => a + b, 0);
    const i = candidates.findIndex((d) => d.id === candidate.id);
    const share = i < 0 ? 0 : total > 0 ? weights[i] / total : 1 / candidates.length;
    return `${basis} ${i < 0 ? 0 : weights[i]}: ${(share * 100).toFixed(0)}% chance`;
  }
}

export function shuffleWeights(candidates: readonly Deployment[]): { weights: number[]; basis: string } {
  if (candidates.some((d) => d.params.weight !== undefined)) {
    return { weights: candidates.map((d) => d.params.weight ?? 1), basis: 'weight' };
  }
  if (candidates.every((d) => d.params.rpm)) return { weights: candidates.map((d) => d.params.rpm!), basis: 'rpm' };
  if (candidates.every((d) => d.params.tpm)) return { weights: candidates.map((d) => d.params.tpm!), basis: 'tpm' };
  return { weights: candidates.map(() => 1), basis: 'equal weights' };
}

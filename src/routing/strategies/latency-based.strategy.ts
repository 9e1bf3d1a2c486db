import type { Deployment } from '../../deployments/deployment';
import { EMPTY_STATE, type DeploymentState } from '../state/router-state.store';
import type { RoutingStrategy, StrategyPick } from './routing-strategy.interface';
import { lowestWithTies } from './weighted-choice';

/** Deployments within this share of the fastest are treated as equally fast. */
export const LATENCY_BUFFER = 0.1;

/**
 * The deployment with the lowest recent latency (time to first token for
 * streams). Unmeasured deployments go first, so each gets sampled; a random
 * pick within a 10% buffer keeps one fast sample from starving the rest.
 */
export class LatencyBasedStrategy implements RoutingStrategy {
  readonly name = 'latency-based-routing' as const;

  pick(candidates: readonly Deployment[], states: ReadonlyMap<string, DeploymentState>, random: () => number): StrategyPick {
    const latency = (d: Deployment) => (states.get(d.id) ?? EMPTY_STATE).latencyMs;
    const unmeasured = candidates.filter((d) => latency(d) === undefined);
    if (unmeasured.length > 0) {
      const deployment = unmeasured[Math.floor(random() * unmeasured.length)];
      return { deployment, reason: 'latency-based: not measured yet, sampling it' };
    }
    const deployment = lowestWithTies(candidates, (d) => latency(d)!, random, LATENCY_BUFFER);
    return { deployment, reason: `latency-based: ${latency(deployment)!.toFixed(0)} ms recent mean` };
  }

  describe(candidate: Deployment, _candidates: unknown, states: ReadonlyMap<string, DeploymentState>): string {
    const ms = (states.get(candidate.id) ?? EMPTY_STATE).latencyMs;
    return ms === undefined ? 'not measured yet' : `${ms.toFixed(0)} ms recent mean`;
  }
}

import type { Deployment } from '../../deployments/deployment';
import { EMPTY_STATE, type DeploymentState } from '../state/router-state.store';
import type { RoutingStrategy, StrategyPick } from './routing-strategy.interface';
import { lowestWithTies } from './weighted-choice';

/** The deployment with the fewest calls in flight; ties broken at random. */
export class LeastBusyStrategy implements RoutingStrategy {
  readonly name = 'least-busy' as const;

  pick(candidates: readonly Deployment[], states: ReadonlyMap<string, DeploymentState>, random: () => number): StrategyPick {
    const inFlight = (d: Deployment) => (states.get(d.id) ?? EMPTY_STATE).inFlight;
    const deployment = lowestWithTies(candidates, inFlight, random);
    return { deployment, reason: `least-busy: ${inFlight(deployment)} in flight` };
  }

  describe(candidate: Deployment, _candidates: unknown, states: ReadonlyMap<string, DeploymentState>): string {
    return `${(states.get(candidate.id) ?? EMPTY_STATE).inFlight} in flight`;
  }
}

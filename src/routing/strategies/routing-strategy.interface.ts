import type { RoutingStrategyName } from '../../config/schema/router-settings.schema';
import type { Deployment } from '../../deployments/deployment';
import type { DeploymentState } from '../state/router-state.store';

export interface StrategyPick {
  deployment: Deployment;
  /** Why this one, in a few words (for /admin/routes/explain and x-gateway-route). */
  reason: string;
}

/**
 * Chooses among deployments that are already known to be available (not
 * cooling down, under their limits). Pure: state and randomness come in.
 */
export interface RoutingStrategy {
  readonly name: RoutingStrategyName;
  pick(candidates: readonly Deployment[], states: ReadonlyMap<string, DeploymentState>, random: () => number): StrategyPick;
  /** What this strategy sees in one candidate among the others, in a few words (for explain). */
  describe(candidate: Deployment, candidates: readonly Deployment[], states: ReadonlyMap<string, DeploymentState>): string;
}

export const ROUTING_STRATEGIES = Symbol('ROUTING_STRATEGIES');

import { LatencyBasedStrategy } from './latency-based.strategy';
import { LeastBusyStrategy } from './least-busy.strategy';
import type { RoutingStrategy } from './routing-strategy.interface';
import { SimpleShuffleStrategy } from './simple-shuffle.strategy';
import { UsageBasedStrategy } from './usage-based.strategy';

/** The routing strategies: the one place a strategy is registered. */
export const STRATEGY_LIST: readonly RoutingStrategy[] = [
  new SimpleShuffleStrategy(),
  new LeastBusyStrategy(),
  new UsageBasedStrategy(),
  new LatencyBasedStrategy(),
];

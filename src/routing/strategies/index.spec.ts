import { ROUTING_STRATEGIES } from '../../config/schema/router-settings.schema';
import { STRATEGY_LIST } from './index';

describe('STRATEGY_LIST', () => {
  it('registers one strategy per routing_strategy name (the v2 alias maps to usage-based-routing)', () => {
    const names = STRATEGY_LIST.map((s) => s.name).sort();
    expect(names).toEqual(ROUTING_STRATEGIES.filter((n) => n !== 'usage-based-routing-v2').sort());
  });
});

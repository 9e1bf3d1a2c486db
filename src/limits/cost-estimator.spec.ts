import { CostEstimator } from './cost-estimator';

describe('CostEstimator', () => {
  it('is 0 before any priced call and ignores unpriced ones', () => {
    const e = new CostEstimator();
    e.observe('m', null);
    e.observe('m', 0);
    expect(e.estimate('m')).toBe(0);
  });

  it('reserves at least the last cost and follows the average', () => {
    const e = new CostEstimator();
    e.observe('m', 1);
    expect(e.estimate('m')).toBe(1);
    e.observe('m', 0.5);
    expect(e.estimate('m')).toBeCloseTo(0.9);
    e.observe('m', 2);
    expect(e.estimate('m')).toBe(2);
    expect(e.estimate('other')).toBe(0);
  });
});

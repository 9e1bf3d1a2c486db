/**
 * What a call to a model is expected to cost, for the budget reservation:
 * the larger of the last cost and a moving average of recent ones (0 before
 * the first priced call: the first call's overshoot is bounded by itself).
 */
export class CostEstimator {
  private readonly byModel = new Map<string, { avg: number; last: number }>();

  estimate(model: string): number {
    const e = this.byModel.get(model);
    return e ? Math.max(e.avg, e.last) : 0;
  }

  observe(model: string, cost: number | null | undefined): void {
    if (cost === null || cost === undefined || !(cost > 0)) return;
    const e = this.byModel.get(model);
    if (!e) {
      if (this.byModel.size >= 10_000) this.byModel.clear();
      this.byModel.set(model, { avg: cost, last: cost });
      return;
    }
    e.avg = e.avg * 0.8 + cost * 0.2;
    e.last = cost;
  }
}

/** The last N latency samples of a deployment, for averages and percentiles. */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private next = 0;
  /** Sorted copy for percentiles, rebuilt only after a new sample. */
  private sorted?: number[];

  constructor(private readonly size = 50) {}

  add(ms: number): void {
    this.sorted = undefined;
    if (this.samples.length < this.size) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  get count(): number {
    return this.samples.length;
  }

  /** Mean of the most recent samples (latency routing's signal). */
  mean(): number | undefined {
    if (this.samples.length === 0) return undefined;
    return this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
  }

  percentile(p: number): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = (this.sorted ??= [...this.samples].sort((a, b) => a - b));
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
}

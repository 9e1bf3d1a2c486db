import type { KeyChange, KeyChangeHandler, KeyInvalidationBus } from './key-invalidation.bus';

/** One replica (the embedded database allows no other): changes apply here and go nowhere else. */
export class LocalKeyInvalidationBus implements KeyInvalidationBus {
  protected readonly handlers: KeyChangeHandler[] = [];

  async publish(change: KeyChange): Promise<void> {
    this.deliver(change);
  }

  subscribe(handler: KeyChangeHandler): void {
    this.handlers.push(handler);
  }

  protected deliver(change: KeyChange): void {
    for (const handler of this.handlers) handler(change);
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}

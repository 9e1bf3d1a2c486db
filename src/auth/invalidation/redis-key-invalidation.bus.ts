import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { chunkChange, parseKeyChange, type KeyChange } from './key-invalidation.bus';
import { LocalKeyInvalidationBus } from './local-key-invalidation.bus';

/** Redis pub/sub on `<prefix>key-changes`, when `router_settings` configures Redis. */
export class RedisKeyInvalidationBus extends LocalKeyInvalidationBus {
  private readonly origin = randomUUID();
  private readonly channel: string;
  private connectedOnce = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    keyPrefix: string,
    private readonly logger: Logger,
  ) {
    super();
    this.channel = `${keyPrefix}key-changes`;
    subscriber.on('message', (channel: string, payload: string) => {
      const msg = channel === this.channel ? parseKeyChange(payload) : undefined;
      if (msg && msg.origin !== this.origin) this.deliver(msg.change);
    });
    // The gateway's Redis clients queue nothing offline: (re)subscribe once connected. What was sent
    // while disconnected is lost, so after a reconnect every cached key is re-read.
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).catch((err: Error) => this.logger.warn(`key changes: cannot subscribe to Redis (${err.message})`));
      if (this.connectedOnce) this.deliver({ all: true });
      this.connectedOnce = true;
    });
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
  }

  override async publish(change: KeyChange): Promise<void> {
    this.deliver(change);
    for (const part of chunkChange(change)) {
      await this.publisher
        .publish(this.channel, JSON.stringify({ origin: this.origin, ...part }))
        .catch((err: Error) => this.logger.warn(`key changes: Redis publish failed (${err.message}); other replicas re-read keys when it is back`));
    }
  }

  override async close(): Promise<void> {
    await super.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

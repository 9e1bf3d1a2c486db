import type { ResponsesStore, StoredResponse } from './responses.store';

export interface RetentionPolicy {
  /** Most responses kept; the oldest go first. */
  maxEntries: number;
  /** How long a response is kept, in ms. */
  ttlMs: number;
}

/**
 * Responses in this process's memory, bounded by count and age. Replicas do
 * not share it: a conversation continues on the replica that holds it.
 */
export class InMemoryResponsesStore implements ResponsesStore {
  /** A Map iterates in insertion order: the first entry is the oldest. */
  private readonly entries = new Map<string, StoredResponse>();

  constructor(
    private readonly policy: () => RetentionPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async save(entry: StoredResponse): Promise<void> {
    this.entries.delete(entry.id);
    this.entries.set(entry.id, entry);
    this.evict();
  }

  async get(id: string, ownerKeyHash: string): Promise<StoredResponse | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.ownerKeyHash === ownerKeyHash ? entry : undefined;
  }

  async delete(id: string, ownerKeyHash: string): Promise<boolean> {
    const entry = await this.get(id, ownerKeyHash);
    if (!entry) return false;
    return this.entries.delete(id);
  }

  private expired(entry: StoredResponse): boolean {
    return this.now() - entry.storedAt >= this.policy().ttlMs;
  }

  /** Drops expired entries from the old end, then the oldest beyond the limit. */
  private evict(): void {
    const { maxEntries } = this.policy();
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= maxEntries && !this.expired(entry)) break;
      this.entries.delete(id);
    }
  }
}

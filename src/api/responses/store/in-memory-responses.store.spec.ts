import type { StoredResponse } from './responses.store';
import { InMemoryResponsesStore } from './in-memory-responses.store';

const entry = (id: string, owner: string, storedAt: number): StoredResponse =>
  ({ id, ownerKeyHash: owner, response: { id } as never, inputItems: [], history: [], storedAt });

describe('InMemoryResponsesStore', () => {
  let now = 1_000;
  const store = (maxEntries = 10, ttlMs = 60_000) => new InMemoryResponsesStore(() => ({ maxEntries, ttlMs }), () => now);
  beforeEach(() => (now = 1_000));

  it('answers only the key that stored the response', async () => {
    const s = store();
    await s.save(entry('resp_1', 'owner-a', now));
    expect((await s.get('resp_1', 'owner-a'))?.id).toBe('resp_1');
    expect(await s.get('resp_1', 'owner-b')).toBeUndefined();
    expect(await s.delete('resp_1', 'owner-b')).toBe(false);
    expect(await s.delete('resp_1', 'owner-a')).toBe(true);
    expect(await s.get('resp_1', 'owner-a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const s = store(2);
    for (const id of ['a', 'b', 'c']) await s.save(entry(id, 'o', now));
    expect(s.size).toBe(2);
    expect(await s.get('a', 'o')).toBeUndefined();
    expect(await s.get('c', 'o')).toBeDefined();
  });

  it('forgets a response once its retention has passed', async () => {
    const s = store(10, 5_000);
    await s.save(entry('a', 'o', now));
    now += 4_999;
    expect(await s.get('a', 'o')).toBeDefined();
    now += 1;
    expect(await s.get('a', 'o')).toBeUndefined();
    expect(s.size).toBe(0);
  });

  it('sweeps expired entries when saving', async () => {
    const s = store(10, 5_000);
    await s.save(entry('old', 'o', now));
    now += 6_000;
    await s.save(entry('new', 'o', now));
    expect(s.size).toBe(1);
  });
});

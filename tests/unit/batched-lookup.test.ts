import { BatchedLookup } from '../../libs/persistence/batched-lookup';

/** A fetch whose queries the test answers by hand, recording the keys of each. */
function manualFetch() {
  const queries: Array<{ keys: string[]; answer: (rows?: Record<string, object>) => void; fail: (err: Error) => void }> = [];
  const fetch = (keys: readonly string[]) =>
    new Promise<Map<string, object>>((resolve, reject) => {
      queries.push({
        keys: [...keys],
        answer: (rows) => resolve(new Map(Object.entries(rows ?? Object.fromEntries(keys.map((k) => [k, { id: k }]))))),
        fail: reject,
      });
    });
  return { queries, fetch };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLookup: point reads coalesced when they queue', () => {
  it('sends a lone read at once, as its own query', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 2);
    const read = lookup.load('D-1');
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-1']]);
    queries[0].answer();
    await expect(read).resolves.toEqual({ id: 'D-1' });
  });

  it('sends the reads asked while the limit is in flight as one query when a slot frees', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const first = lookup.load('D-1');
    await settle();
    const waiting = ['D-2', 'D-3', 'D-4'].map((id) => lookup.load(id));
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-1']]);

    queries[0].answer();
    await first;
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-1'], ['D-2', 'D-3', 'D-4']]);
    queries[1].answer();
    await expect(Promise.all(waiting)).resolves.toEqual([{ id: 'D-2' }, { id: 'D-3' }, { id: 'D-4' }]);
  });

  it('never answers a read from a query sent before it was asked', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const before = lookup.load('D-1');
    await settle();
    const after = lookup.load('D-1');
    queries[0].answer({ 'D-1': { id: 'D-1', version: 1 } });
    await expect(before).resolves.toEqual({ id: 'D-1', version: 1 });
    await settle();
    expect(queries).toHaveLength(2);
    queries[1].answer({ 'D-1': { id: 'D-1', version: 2 } });
    await expect(after).resolves.toEqual({ id: 'D-1', version: 2 });
  });

  it('answers undefined for a key the query did not return, and each of two reads of a key its own copy', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const busy = lookup.load('D-0');
    await settle();
    const [a, b, missing] = [lookup.load('D-1'), lookup.load('D-1'), lookup.load('D-9')];
    queries[0].answer();
    await busy;
    await settle();
    expect(queries[1].keys).toEqual(['D-1', 'D-1', 'D-9']);
    queries[1].answer({ 'D-1': { id: 'D-1', state: { gates: [] } } });
    const [rowA, rowB] = await Promise.all([a, b]);
    expect(rowA).toEqual(rowB);
    expect(rowA).not.toBe(rowB);
    expect((rowA as any).state).not.toBe((rowB as any).state);
    await expect(missing).resolves.toBeUndefined();
  });

  it('fails every read of a failed query and frees its slot for the next', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const busy = lookup.load('D-0');
    await settle();
    const doomed = [lookup.load('D-1'), lookup.load('D-2')];
    queries[0].fail(new Error('connection lost'));
    await expect(busy).rejects.toThrow('connection lost');
    await settle();
    queries[1].fail(new Error('connection lost again'));
    for (const read of doomed) await expect(read).rejects.toThrow('connection lost again');

    const later = lookup.load('D-3');
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-0'], ['D-1', 'D-2'], ['D-3']]);
    queries[2].answer();
    await expect(later).resolves.toEqual({ id: 'D-3' });
  });

  it('splits a queue longer than the largest batch, and keeps no more than the limit in flight', async () => {
    const { queries, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 2, 3);
    const reads = Array.from({ length: 8 }, (_, i) => lookup.load(`D-${i}`));
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-0', 'D-1', 'D-2'], ['D-3', 'D-4', 'D-5']]);
    queries[0].answer();
    await settle();
    expect(queries.map((q) => q.keys)).toEqual([['D-0', 'D-1', 'D-2'], ['D-3', 'D-4', 'D-5'], ['D-6', 'D-7']]);
    queries[1].answer();
    queries[2].answer();
    await expect(Promise.all(reads)).resolves.toHaveLength(8);
  });
});

import DataLoader from 'dataloader';

/**
 * Point reads by key, coalesced when they queue: at most `inFlight` queries run at once; the reads that arrive while
 * they run wait together and go as one query (`fetch` of all their keys) as soon as one finishes. A lone read goes at
 * once, so a quiet server answers as before; a busy one makes one round trip for many reads instead of one each.
 *
 * Never staler than a query of its own: a read joins only a batch not yet sent, so the query that answers it starts
 * after the read was asked. Nothing is kept between batches (DataLoader's cache is off).
 */
export class BatchedLookup<Row> {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly loader: DataLoader<string, Row | undefined>;

  constructor(fetch: (keys: readonly string[]) => Promise<Map<string, Row>>, inFlight: number, maxBatch = 200) {
    this.loader = new DataLoader(
      async (keys) => {
        try {
          const rows = await fetch(keys);
          // Two reads of one key in a batch each get their own copy: a caller may change what it was given.
          const given = new Set<string>();
          return keys.map((key) => {
            const row = rows.get(key);
            if (row !== undefined && given.has(key)) return structuredClone(row);
            given.add(key);
            return row;
          });
        } finally {
          this.release();
        }
      },
      { cache: false, maxBatchSize: maxBatch, batchScheduleFn: (send) => this.whenFree(send, inFlight) },
    );
  }

  load(key: string): Promise<Row | undefined> {
    return this.loader.load(key);
  }

  // DataLoader adds a read's key to its batch after it schedules the batch, so a batch is sent a microtask later at
  // the earliest: the reads asked in the same turn go with it.
  private whenFree(send: () => void, inFlight: number): void {
    if (this.running < inFlight) {
      this.running++;
      queueMicrotask(send);
    } else {
      this.waiting.push(send);
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

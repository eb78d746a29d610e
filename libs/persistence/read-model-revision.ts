import { DataSource } from 'typeorm';
import { BatchedLookup } from './batched-lookup';

/**
 * The revision of the deal read model (the deals and approvals tables, migration 1732400000000): every committed
 * change raises it, in the changing transaction itself. One 16-row read.
 */
async function readModelRevision(db: DataSource): Promise<string> {
  const [{ revision }] = await db.query(`SELECT sum(revision)::text AS revision FROM deal_book_revisions`);
  return revision;
}

const BOOK = 'deal-book';
const revisionReads = new WeakMap<DataSource, BatchedLookup<string>>();

/**
 * The revision as the hot reads ask it (every approval-queue and forecast request): asked while one query runs, they
 * all wait for the next and share it (batched-lookup.ts), so none is answered by a query sent before it asked. One
 * lookup per data source, so the queue's and the forecast's requests share it too.
 */
export async function sharedRevision(db: DataSource): Promise<string> {
  let lookup = revisionReads.get(db);
  if (!lookup) revisionReads.set(db, (lookup = new BatchedLookup(async () => new Map([[BOOK, await readModelRevision(db)]]), 1)));
  return (await lookup.load(BOOK))!;
}

/**
 * Answers kept per key until the read model's revision moves, so none is older than the last committed change.
 * Concurrent identical requests share one computation; a failed one is forgotten.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, { revision: string; value: Promise<T> }>();

  constructor(private readonly maxEntries: number) {}

  /** Whether an answer for `key` at this revision is kept (or being computed). */
  has(key: string, revision: string): boolean {
    return this.entries.get(key)?.revision === revision;
  }

  get(key: string, revision: string, compute: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && cached.revision === revision) return cached.value;
    const value = compute();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { revision, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

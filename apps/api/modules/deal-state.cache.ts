import { dealView } from './deal-view';

type DealView = ReturnType<typeof dealView>;

const MAX_CACHED_DEALS = 20_000;

/**
 * The answers of deal workflow queries, each kept under the version of the commit it reflects. A workflow's state
 * changes only by a commit, and every commit bumps `deals.version` in the same transaction, so an entry whose version
 * equals the read model's is exactly what the query would answer now: serving it saves a round trip through Temporal
 * and the worker (and a history replay when the worker has evicted the workflow).
 */
export class DealStateCache {
  private readonly entries = new Map<string, { version: number; view: DealView }>();

  get(dealId: string, committedVersion: number): DealView | undefined {
    const entry = this.entries.get(dealId);
    return entry && entry.version === committedVersion ? entry.view : undefined;
  }

  put(dealId: string, version: number, view: DealView): void {
    const current = this.entries.get(dealId);
    if (current && current.version >= version) return;
    this.entries.delete(dealId);
    if (this.entries.size >= MAX_CACHED_DEALS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(dealId, { version, view });
  }
}

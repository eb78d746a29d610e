import type { DealChange, DealChangeResult } from '../libs/contracts';
import { LedgerRepository } from '../libs/persistence/ledger.repository';
import { refusalsAreFinal } from './failures';

export interface DealActivityDeps {
  ledger: LedgerRepository;
}

export function createDealActivities({ ledger }: DealActivityDeps) {
  return {
    /** Writes one decision of a deal workflow: projection, approvals, postings; idempotent by key. */
    async commitDealChange(change: DealChange): Promise<DealChangeResult> {
      return refusalsAreFinal(() => ledger.commitDealChange(change));
    },
  };
}

export type DealActivities = ReturnType<typeof createDealActivities>;

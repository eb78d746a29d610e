import { log } from '@temporalio/activity';
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
      const result = await refusalsAreFinal(() => ledger.commitDealChange(change));
      // The activity's logger adds workflowId, workflowRunId, activityType (and trace_id when traced).
      log.debug('deal change committed', { dealId: change.deal.id, version: change.version, status: change.deal.status, ...(result.postedPeriod ? { postedPeriod: result.postedPeriod } : {}) });
      return result;
    },
  };
}

export type DealActivities = ReturnType<typeof createDealActivities>;

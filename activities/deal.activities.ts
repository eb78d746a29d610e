import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { DealChange, DealChangeResult } from '../libs/contracts';
import { LedgerRepository } from '../libs/persistence/ledger.repository';
import { agingWatchesOf, anyAgingWatchDue, requestAgingSweep } from './alert.activities';
import { refusalsAreFinal } from './failures';

export interface DealActivityDeps {
  ledger: LedgerRepository;
  /** Asks the aging sweeper for a round when a committed watch is already due (docs/rules.md "Aging alerts"). */
  client: Client;
}

export function createDealActivities({ ledger, client }: DealActivityDeps) {
  return {
    /**
     * Writes one decision of a deal workflow (projection, approvals, postings; idempotent by key) with the aging watches
     * it calls for, in one transaction. No Temporal call, unless a watch is already due (a back-dated deal): then the
     * sweeper is asked for a round at once.
     */
    async commitDealChange(change: DealChange): Promise<DealChangeResult> {
      const watches = agingWatchesOf(change);
      const result = await refusalsAreFinal(() => ledger.commitDealChange(change, watches));
      // The activity's logger adds workflowId, workflowRunId, activityType (and trace_id when traced).
      log.debug('deal change committed', { dealId: change.deal.id, version: change.version, status: change.deal.status, ...(result.postedPeriod ? { postedPeriod: result.postedPeriod } : {}) });
      // After the commit, so the sweep sees the watch. Not worth failing the change over: the committed watch is swept
      // on the sweeper's next round anyway (at most an hour).
      if (anyAgingWatchDue(watches)) {
        await requestAgingSweep(client).catch((err) => log.warn('could not ask the aging sweeper for a round; it sweeps on its next one', { dealId: change.deal.id, error: String(err) }));
      }
      return result;
    },
  };
}

export type DealActivities = ReturnType<typeof createDealActivities>;

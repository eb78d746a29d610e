import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { DealChange, DealChangeResult } from '../libs/contracts';
import { LedgerRepository } from '../libs/persistence/ledger.repository';
import { agingWatchesOf, startAgingWatches } from './alert.activities';
import { refusalsAreFinal } from './failures';

export interface DealActivityDeps {
  ledger: LedgerRepository;
  /** Starts the aging watchers a committed change calls for (docs/rules.md "Aging alerts"). */
  client: Client;
}

export function createDealActivities({ ledger, client }: DealActivityDeps) {
  return {
    /** Writes one decision of a deal workflow (projection, approvals, postings; idempotent by key), then starts its aging watchers. */
    async commitDealChange(change: DealChange): Promise<DealChangeResult> {
      const result = await refusalsAreFinal(() => ledger.commitDealChange(change));
      // The activity's logger adds workflowId, workflowRunId, activityType (and trace_id when traced).
      log.debug('deal change committed', { dealId: change.deal.id, version: change.version, status: change.deal.status, ...(result.postedPeriod ? { postedPeriod: result.postedPeriod } : {}) });
      // After the commit, not in it: a watcher is idempotent by id, and a refused change starts none.
      await startAgingWatches(client, agingWatchesOf(change));
      return result;
    },
  };
}

export type DealActivities = ReturnType<typeof createDealActivities>;

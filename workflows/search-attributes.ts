import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { condition, patched, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Deal, Period } from '../libs/domain';
import type { RepWorkflowInput } from '../libs/contracts';

/**
 * The Keyword search attributes people find workflows by (Temporal UI, `temporal workflow list -q`, the visibility
 * API): `Owner = "ae-1" AND DealStatus = "KILLED"`. Every namespace the worker serves must have them registered
 * (infra/temporal-dev.sh does it for the local servers; `SEARCH_ATTRIBUTES` in libs/platform/search-attributes.ts),
 * else the server fails the workflow task that upserts them.
 */
export const DEAL_ID = defineSearchAttributeKey('DealId', SearchAttributeType.KEYWORD);
export const OWNER = defineSearchAttributeKey('Owner', SearchAttributeType.KEYWORD);
export const DEAL_STATUS = defineSearchAttributeKey('DealStatus', SearchAttributeType.KEYWORD);
export const REP_ID = defineSearchAttributeKey('RepId', SearchAttributeType.KEYWORD);
export const REP_STATUS = defineSearchAttributeKey('RepStatus', SearchAttributeType.KEYWORD);
export const PERIOD = defineSearchAttributeKey('Period', SearchAttributeType.KEYWORD);
export const SEARCH_ATTRIBUTE_KEYS = [DEAL_ID, OWNER, DEAL_STATUS, REP_ID, REP_STATUS, PERIOD];

/** Histories recorded before search attributes were kept run without upserts (an upsert is a command in history). */
export const SEARCH_ATTRIBUTES_PATCH = 'search-attributes';

type Keyword = typeof DEAL_ID;
type Values = Array<[Keyword, string]>;

/** The values that differ from what this run's search attributes already hold (a continued run inherits them). */
function stale(values: Values): Values {
  const current = workflowInfo().typedSearchAttributes;
  return values.filter(([key, value]) => current.get(key) !== value);
}

/**
 * Upserts the values at once, then again whenever they change (checked after each activation, so the upsert lands in
 * the same workflow task as the commit that changed them). Also sets the run's current details, which the Temporal
 * UI shows as the workflow's summary. Call once, at the top of the workflow.
 */
function keepSearchable(values: () => Values, details: () => string): void {
  if (!patched(SEARCH_ATTRIBUTES_PATCH)) return;
  const sync = () => {
    const changed = stale(values());
    if (changed.length > 0) upsertSearchAttributes(changed.map(([key, value]) => ({ key, value })));
    setCurrentDetails(details());
  };
  sync();
  void (async () => {
    for (;;) {
      await condition(() => stale(values()).length > 0);
      sync();
    }
  })();
}

/** DealId, Owner and DealStatus (ACTIVE, KILLED, CLOSED), kept current after every commit. */
export function keepDealSearchable(deal: () => Deal): void {
  keepSearchable(
    () => [
      [DEAL_ID, deal().id],
      [OWNER, deal().owner],
      [DEAL_STATUS, deal().status],
    ],
    () => `Deal ${deal().id} (${deal().sponsor}, ${deal().program}): owner ${deal().owner}, ${deal().status}`,
  );
}

/** RepId and RepStatus (ACTIVE, DEPARTED, FINISHED). */
export function keepRepSearchable(rep: () => RepWorkflowInput): void {
  keepSearchable(
    () => [
      [REP_ID, rep().profile.id],
      [REP_STATUS, rep().status],
    ],
    () => `Rep ${rep().profile.id} (${rep().profile.name}): ${rep().status}`,
  );
}

/** Period, for the close of that period. */
export function keepPeriodSearchable(period: Period): void {
  keepSearchable(
    () => [[PERIOD, period]],
    () => `Close of ${period}`,
  );
}

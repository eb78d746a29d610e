import type { Deal, QueueItem } from '../api/models';

/**
 * Why `me` may not decide `item` (docs/rules.md segregation of duties), in words; undefined when nothing blocks it.
 * A string `blockedBy` or `decidable: true` from the API wins; the same rule is checked again by the workflow on approve.
 */
export function blockedBy(item: QueueItem, me: string, deal?: Deal): string | undefined {
  const api = item.blockedBy;
  if (typeof api === 'string') return api;
  if (item.decidable === true) return undefined;
  // The API's `blockedBy` is {code, reason}: the console's own words when its rule explains it, else the API's.
  const local = localReason(item, me, deal);
  if (!api) return local;
  return local ?? `${api.reason ?? api.detail ?? api.code}${api.code === 'SEGREGATION_OF_DUTIES' ? ' (segregation of duties)' : ''}`;
}

function localReason(item: QueueItem, me: string, deal?: Deal): string | undefined {
  if (item.submittedBy === me) return `You submitted ${item.approvalId}: segregation of duties needs someone else to decide it.`;
  if (!deal) return undefined;
  if (deal.sourcedBy === me) return `You sourced deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.owner === me) return `You own deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.splits.some((s) => s.repId === me)) return `You receive a credit split on deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  return undefined;
}

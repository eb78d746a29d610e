import type { Deal, QueueItem } from '../api/models';

/**
 * Why `me` may not decide `item` (docs/rules.md segregation of duties), in words; undefined when nothing blocks it.
 * Whether it is blocked is the API's answer (`decidable`, `blockedBy`); the same rule is checked again by the workflow on approve.
 */
export function blockedBy(item: QueueItem, me: string, deal?: Deal): string | undefined {
  if (item.decidable === true) return undefined;
  const said = ownWords(item, me, deal);
  if (said) return said;
  if (item.blockedBy) return typeof item.blockedBy === 'string' ? item.blockedBy : `${item.blockedBy.reason} (${item.blockedBy.code})`;
  return undefined;
}

/** The API decides whether an item is blocked (`decidable`, `blockedBy`); the page says why in the caller's words. */
function ownWords(item: QueueItem, me: string, deal?: Deal): string | undefined {
  if (item.submittedBy === me) return `You submitted ${item.approvalId}: segregation of duties needs someone else to decide it.`;
  if (!deal) return undefined;
  if (deal.sourcedBy === me) return `You sourced deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.owner === me) return `You own deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.splits.some((s) => s.repId === me)) return `You receive a credit split on deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  return undefined;
}

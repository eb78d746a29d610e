import type { Deal, QueueItem } from '../api/models';

/**
 * Why `me` may not decide `item` (docs/rules.md segregation of duties), in words; undefined when nothing blocks it.
 * The API's own `blockedBy` wins when it sends one; the same rule is checked again by the workflow on approve.
 */
export function blockedBy(item: QueueItem, me: string, deal?: Deal): string | undefined {
  if (item.blockedBy) return typeof item.blockedBy === 'string' ? item.blockedBy : item.blockedBy.detail;
  if (item.decidable === true) return undefined;
  if (item.submittedBy === me) return `You submitted ${item.approvalId}: segregation of duties needs someone else to decide it.`;
  if (!deal) return undefined;
  if (deal.sourcedBy === me) return `You sourced deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.owner === me) return `You own deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  if (deal.splits.some((s) => s.repId === me)) return `You receive a credit split on deal ${deal.id}: segregation of duties keeps you from deciding its approvals.`;
  return undefined;
}

/**
 * The static summary a workflow is started with (the `staticSummary` start option): the line the Temporal UI shows
 * for it, so a manager scanning the list sees whose deal it is. What changes later (status, owner after a
 * reassignment) is in the search attributes and the workflow's current details, kept by the workflow itself.
 */
export function workflowSummary(args: readonly unknown[]): string | undefined {
  const input = args[0] as
    | { deal?: { id: string; sponsor: string; program: string; owner: string }; profile?: { id: string; name: string; role: string; hireDate: string }; period?: string; dispute?: { id: string; repId: string; period: string; reason: string } }
    | undefined;
  if (input?.deal) return `Deal ${input.deal.id}: ${input.deal.sponsor}, ${input.deal.program} (owner ${input.deal.owner})`;
  if (input?.profile) return `Rep ${input.profile.id}: ${input.profile.name}, ${input.profile.role}, hired ${input.profile.hireDate}`;
  if (input?.dispute) return `Dispute ${input.dispute.id}: ${input.dispute.repId}, ${input.dispute.period} (${input.dispute.reason})`;
  if (typeof input?.period === 'string') return `Close of period ${input.period}`;
  return undefined;
}

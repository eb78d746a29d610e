import { Injectable } from '@nestjs/common';
import { Actor, dealWorkflowId } from '../../../libs/contracts';
import { BonusType, designWinFormula, gateCommissionFormula, gateDefinition, isLatePosting, LineFormula, lineOccurrence, periodStart, tcvInForceOn } from '../../../libs/domain';
import { AdjustmentsRepository } from '../../../libs/persistence/adjustments.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { withLineIds } from '../../../libs/persistence/statement-line-ids';
import { LineApproval, LinePosting, StatementLinesRepository } from '../../../libs/persistence/statement-lines.repository';
import { dealTimeline, fetchRunChain, HistoryEntry } from '../deals/deal-history';
import { refuse } from '../http/problem';
import { planIdOn } from '../reps/rep-view';
import { RepsPolicy } from '../reps/reps.policy';
import { TemporalGateway } from '../temporal/temporal.gateway';

/** The approval behind a deal posting: gates name it in their details, bonuses in their reference `<type>:<approval id>`. */
function approvalIdOf(posting: LinePosting): string | undefined {
  const fromDetails = posting.details?.approvalId;
  if (typeof fromDetails === 'string') return fromDetails;
  if (posting.kind.startsWith('DESIGN_WIN') && posting.reference?.includes(':')) return posting.reference.slice(posting.reference.indexOf(':') + 1);
  return undefined;
}

/** Whether a deal history entry belongs to the approval: its submission, its decision or one of its postings. */
function concerns(entry: HistoryEntry, approvalId: string): boolean {
  const d = entry.details as { approvalId?: string; request?: { approvalId?: string }; result?: { approvalId?: string } };
  return d.approvalId === approvalId || d.request?.approvalId === approvalId || d.result?.approvalId === approvalId;
}

/** "Why this line" (docs/rules.md): from a statement line to its posting, approval, evidence, plan, formula and deal history. */
@Injectable()
export class StatementLinesService {
  constructor(
    private readonly reps: RepsRepository,
    private readonly policy: RepsPolicy,
    private readonly lines: StatementLinesRepository,
    private readonly adjustments: AdjustmentsRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  async explain(repId: string, period: string, lineId: string, actor: Actor) {
    const row = await this.policy.visibleRep(repId, actor, 'statements');
    const stored = await this.reps.closedStatement(repId, period);
    if (!stored) throw refuse('NOT_FOUND', `no statement for ${repId} in ${period}`);
    const statement = withLineIds(stored);
    const index = statement.lines.findIndex((l) => l.lineId === lineId);
    if (index < 0) throw refuse('NOT_FOUND', `no line ${lineId} on ${repId}'s ${period} statement`);
    const line = statement.lines[index];
    const found = await this.lines.posting(repId, period, stored.lines, index, lineOccurrence(stored.lines, index));
    const posting = found ? { ...found, late: isLatePosting(found.effectiveDate, found.period) && !found.kind.startsWith('ADJUSTMENT') } : null;
    const approvalId = found ? approvalIdOf(found) : undefined;
    const approval = approvalId ? await this.lines.approval(approvalId) : undefined;
    const deal = line.dealId && approval ? await this.lines.deal(line.dealId) : undefined;
    const adjustment = line.kind === 'ADJUSTMENT' && line.reference ? await this.adjustments.find(line.reference) : undefined;
    const formula = deal && approval && found ? this.formula(deal, approval, found, repId) : null;
    return {
      repId,
      period,
      line,
      posting,
      ...(approval ? { approval } : {}),
      ...(adjustment
        ? {
            adjustment: {
              id: adjustment.id,
              kind: adjustment.kind,
              reason: adjustment.reason,
              proposedBy: adjustment.proposedBy,
              proposedAt: adjustment.proposedAt,
              ...(adjustment.decidedBy ? { decidedBy: adjustment.decidedBy, decidedAt: adjustment.decidedAt } : {}),
              ...(adjustment.disputeId ? { disputeId: adjustment.disputeId } : {}),
            },
          }
        : {}),
      plan: deal ? { planId: deal.planId, pinnedBy: 'deal' as const } : { planId: planIdOn(row, periodStart(period)), pinnedBy: 'rep' as const },
      formula,
      explanation: this.explanation(line.kind, line.note, adjustment?.proposedBy, adjustment?.decidedBy),
      dealHistory: approvalId && line.dealId ? await this.history(line.dealId, approvalId) : [],
    };
  }

  private formula(deal: NonNullable<Awaited<ReturnType<StatementLinesRepository['deal']>>>, approval: LineApproval, posting: LinePosting, repId: string): LineFormula | null {
    const share = (posting.details?.share as string | undefined) ?? approval.recipients?.find((r) => r.repId === repId)?.share ?? '1';
    if (approval.kind === 'GATE' && approval.gate) {
      const weight = gateDefinition(deal.plan, approval.gate)?.weight;
      if (weight === undefined) return null;
      // The TCV the gate retired on: the one in force on its date, or the deal's TCV as it stood (before a later descope).
      const candidates = [tcvInForceOn(deal, approval.effectiveDate), deal.tcv, deal.originalTcv];
      const formulas = candidates.map((tcv) => gateCommissionFormula({ weight: String(weight), tcv, share, rate: String(deal.plan.commissionRate) }, posting.amount));
      return formulas.find((f) => f.matchesPosting) ?? formulas[0];
    }
    if (approval.kind === 'BONUS' && approval.type) {
      const unit = deal.plan.bonuses[approval.type as BonusType];
      if (unit === undefined) return null;
      const d = posting.details as { paid?: string; capped?: string } | null;
      return designWinFormula({ unit: String(unit), quantity: approval.quantity ?? 1, share, paid: d?.paid ?? posting.amount, capped: d?.capped ?? '0.00' }, posting.amount);
    }
    return null;
  }

  private explanation(kind: string, note: string | undefined, proposedBy?: string, approvedBy?: string): string {
    if (kind === 'ADJUSTMENT') return `an adjustment proposed by ${proposedBy} and approved by ${approvedBy}, paid on top of draw netting${note ? ` (${note})` : ''}`;
    if (kind.startsWith('GATE_COMMISSION')) return `gate commission posted when the gate's evidence was approved${kind.endsWith('REVERSAL') ? ', reversed by a later re-attribution' : ''}`;
    if (kind.startsWith('DESIGN_WIN')) return `design-win bonus posted when the bonus event was approved${kind.includes('CAPPED') ? ': the part above the annual cap, not paid' : ''}`;
    return note ?? kind;
  }

  /** The deal's history entries for the approval; a deal whose workflow history is gone answers none. */
  private async history(dealId: string, approvalId: string): Promise<HistoryEntry[]> {
    try {
      return dealTimeline(await fetchRunChain(this.temporal.client, dealWorkflowId(dealId))).filter((e) => concerns(e, approvalId));
    } catch {
      return [];
    }
  }
}

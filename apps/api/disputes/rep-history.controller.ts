import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, AdjustmentRecord } from '../../../libs/contracts';
import { AdjustmentsRepository } from '../../../libs/persistence/adjustments.repository';
import { DisputesRepository } from '../../../libs/persistence/disputes.repository';
import { Role } from '../auth/roles';
import { CurrentActor } from '../auth/actor';
import type { HistoryEntry } from '../deals/deal-history';
import { historyEntryOut } from '../deals/deals.responses';
import { id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { RepsPolicy } from '../reps/reps.policy';
import { disputeHistoryEntries } from './dispute-history';

/** Who reads a rep's history: whoever reads their statements (docs/rules.md "Access scope"); it is about their pay. */
export const REP_HISTORY_ROLES: readonly Role[] = ['rep', 'manager', 'comp_admin', 'finance'];

function adjustmentEntries(a: AdjustmentRecord): HistoryEntry[] {
  const base = { period: a.period, runId: `rep:${a.repId}` };
  const details = { adjustmentId: a.id, amount: a.amount, kind: a.kind, ...(a.disputeId ? { disputeId: a.disputeId } : {}) };
  const entries: HistoryEntry[] = [
    { at: a.proposedAt, recordedAt: a.proposedAt, type: 'ADJUSTMENT_PROPOSED', actor: a.proposedBy, summary: `${a.kind} adjustment ${a.amount} proposed for ${a.period}: ${a.reason}`, details, ...base },
  ];
  if (a.decidedAt && a.status !== 'PENDING') {
    entries.push({ at: a.decidedAt, recordedAt: a.decidedAt, type: `ADJUSTMENT_${a.status}`, actor: a.decidedBy ?? null, summary: `adjustment ${a.id} ${a.status.toLowerCase()}${a.decisionReason ? `: ${a.decisionReason}` : ''}`, details, ...base });
  }
  return entries;
}

/** A rep's own history (docs/rules.md "Disputes"): their disputes and outcomes, and the adjustments made to their pay. */
@Injectable()
export class RepHistoryService {
  constructor(
    private readonly policy: RepsPolicy,
    private readonly disputes: DisputesRepository,
    private readonly adjustments: AdjustmentsRepository,
  ) {}

  async history(repId: string, actor: Actor): Promise<HistoryEntry[]> {
    await this.policy.visibleRep(repId, actor, 'statements');
    const disputes = await this.disputes.list({ repId, limit: 1000, offset: 0 });
    const adjustments = await this.adjustments.list({ repId, limit: 1000, offset: 0 });
    return [...disputes.flatMap(disputeHistoryEntries), ...adjustments.flatMap(adjustmentEntries)].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class RepHistoryController {
  constructor(private readonly reps: RepHistoryService) {}

  @Get(':id/history')
  @ApiDocumented({
    roles: REP_HISTORY_ROLES,
    response: z.array(historyEntryOut),
    errors: [400, 404],
    params: { id },
    description: 'The rep\'s history, oldest first: their disputes (opened, overdue, upheld or denied) and the adjustments proposed and decided for them. Read like the rep\'s statements.',
  })
  history(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.reps.history(id.parse(repId), actor);
  }
}

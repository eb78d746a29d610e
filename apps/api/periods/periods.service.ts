import { Injectable } from '@nestjs/common';
import { comparePeriods, nextPeriod, Period, periodEnd, periodOf, periodRange } from '../../../libs/domain';
import { Actor, periodCloseWorkflowId } from '../../../libs/contracts';
import { CompRepository } from '../../../libs/persistence/comp.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { periodCloseWorkflow } from '../../../workflows';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';

@Injectable()
export class PeriodsService {
  constructor(
    private readonly periods: PeriodsRepository,
    private readonly comp: CompRepository,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
  ) {}

  /** Every period from the calendar's start to today (or the one after the last closed), with its status. */
  async list() {
    const start = await this.periods.calendarStart();
    if (!start) return [];
    const rows = await this.periods.all();
    const last = rows.map((r) => r.period).sort(comparePeriods).pop();
    const candidates = [periodOf(this.clock.today()), last ? nextPeriod(last) : start].sort(comparePeriods);
    const end = candidates[candidates.length - 1];
    return periodRange(start, comparePeriods(end, start) < 0 ? start : end).map((p) => {
      const row = rows.find((r) => r.period === p);
      return {
        period: p,
        status: row?.status ?? 'OPEN',
        ...(row?.closedAt ? { closedAt: new Date(row.closedAt).toISOString(), statementCount: row.statementCount } : {}),
      };
    });
  }

  /** Closes the period through `period-close:<p>`; a repeat returns the same statements. */
  async close(p: Period, actor: Actor) {
    if (!this.clock.manual && periodEnd(p) >= this.clock.today()) {
      throw refuse('PERIOD_NOT_ENDED', `${p} ends on ${periodEnd(p)}; it can be closed from the day after`);
    }
    const { handle, started } = await this.temporal.startOnce(periodCloseWorkflow, {
      workflowId: periodCloseWorkflowId(p),
      args: [{ period: p, actorId: actor.id }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    // A repeat: the first close (finished or still running) decides; this request closes nothing.
    const result = await handle.result();
    const alreadyClosed = started ? result.alreadyClosed : true;
    const statements = await this.comp.statementsFor(p);
    const row = await this.periods.find(p);
    return { period: p, status: 'CLOSED', closedBy: row?.closedBy ?? actor.id, alreadyClosed, statements };
  }
}

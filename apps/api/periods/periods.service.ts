import { Injectable } from '@nestjs/common';
import { comparePeriods, isRefusalCode, nextPeriod, Period, periodEnd, periodOf, periodRange } from '../../../libs/domain';
import { Actor, periodCloseWorkflowId } from '../../../libs/contracts';
import { CompRepository } from '../../../libs/persistence/comp.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { periodCloseWorkflow } from '../../../workflows';
import { BusinessClock } from '../clock/business-clock';
import { StatementStatusService } from '../statement-status/statement-status.service';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { withLineIds } from '../../../libs/persistence/statement-line-ids';

@Injectable()
export class PeriodsService {
  constructor(
    private readonly periods: PeriodsRepository,
    private readonly comp: CompRepository,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
    private readonly status: StatementStatusService,
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
        ...(row && row.failures.length > 0 ? { failures: row.failures } : {}),
      };
    });
  }

  /**
   * Closes the period through `period-close:<p>`; a repeat returns the same statements. A close that could not write
   * some rep's statement leaves the period CLOSING and answers 422 PERIOD_CLOSE_INCOMPLETE naming the reps; once the
   * cause is fixed, a repeated close (a new run of the workflow) re-attempts only them and finishes the period.
   */
  async close(p: Period, actor: Actor) {
    if (!this.clock.manual && periodEnd(p) >= this.clock.today()) {
      throw refuse('PERIOD_NOT_ENDED', `${p} ends on ${periodEnd(p)}; it can be closed from the day after`);
    }
    const before = await this.periods.find(p);
    if (before?.status === 'CLOSED') return this.answer(p, before.closedBy, true);
    // Advisory, to start no workflow for a close that cannot begin; the begin step checks again under the period lock.
    const open = before ? undefined : await this.periods.earlierOpenPeriod(p);
    if (open) throw refuse('PERIOD_OUT_OF_ORDER', `${open} must be closed before ${p}`);
    const { handle, started } = await this.temporal.startOnce(periodCloseWorkflow, {
      workflowId: periodCloseWorkflowId(p),
      args: [{ period: p, actorId: actor.id }],
      // A completed run that left the period CLOSING is started again: that is how a close resumes.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    // A repeat: the first close (finished or still running) decides; this request closes nothing.
    const result = await handle.result();
    if (result.refusal) throw refuse(isRefusalCode(result.refusal.code) ? result.refusal.code : 'CONFLICT', result.refusal.message);
    if (result.status === 'CLOSING') {
      const failures = result.failures ?? [];
      throw refuse(
        'PERIOD_CLOSE_INCOMPLETE',
        `${p} stays CLOSING: the statement of ${failures.map((f) => f.repId).join(', ')} could not be produced; every other ` +
          `rep's statement is written. Fix the cause and close ${p} again to finish it.`,
        failures.map((f) => ({ path: `reps/${f.repId}`, message: `${f.code}: ${f.message}` })),
      );
    }
    const row = await this.periods.find(p);
    return this.answer(p, row?.closedBy ?? actor.id, started ? result.alreadyClosed : true);
  }

  /** The closed period's statements and, beside them, the approvals still pending that are dated in it. */
  private async answer(p: Period, closedBy: string, alreadyClosed: boolean) {
    const statements = (await this.status.withStatuses(await this.comp.statementsFor(p))).map(withLineIds);
    const pendingApprovals = await this.comp.pendingApprovalsIn(p);
    return { period: p, status: 'CLOSED', closedBy, alreadyClosed, statements, pendingApprovals };
  }
}

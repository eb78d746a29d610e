import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { comparePeriods, nextPeriod, periodEnd, periodOf, periodRange } from '../../../libs/domain';
import { Actor, periodCloseWorkflowId, TASK_QUEUE } from '../../../libs/contracts';
import { CompRepository } from '../../../libs/persistence/comp.repository';
import type { PeriodCloseResult } from '../../../workflows/period-close.workflow';
import { CurrentActor, Roles } from '../http/auth';
import { refuse } from '../http/problem';
import { emptySchema, period } from '../schemas';
import { ValidBody } from '../http/validation';
import { BusinessClock } from './clock.service';
import { PeriodsRepository } from './periods.repository';
import { TemporalGateway } from './temporal.gateway';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(
    private readonly db: DataSource,
    private readonly periods: PeriodsRepository,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  async list() {
    const start = await this.periods.calendarStart();
    if (!start) return [];
    const rows: Array<{ period: string; status: string; closed_at: Date | null; statement_count: number }> = await this.db.query(
      `SELECT period, status, closed_at, statement_count FROM periods`,
    );
    const last = rows.map((r) => r.period).sort(comparePeriods).pop();
    const today = periodOf(this.clock.today());
    const candidates = [today, last ? nextPeriod(last) : start].sort(comparePeriods);
    const end = candidates[candidates.length - 1];
    return periodRange(start, comparePeriods(end, start) < 0 ? start : end).map((p) => {
      const row = rows.find((r) => r.period === p);
      return {
        period: p,
        status: row?.status ?? 'OPEN',
        ...(row?.closed_at ? { closedAt: new Date(row.closed_at).toISOString(), statementCount: row.statement_count } : {}),
      };
    });
  }

  /** Closes the period through `period-close:<p>`; a repeat returns the same statements. */
  @Post(':period/close')
  @HttpCode(200)
  @Roles('comp_admin', 'finance')
  async close(@Param('period') raw: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor) {
    const p = period.parse(raw);
    if (!this.clock.manual && periodEnd(p) >= this.clock.today()) {
      throw refuse('PERIOD_NOT_ENDED', `${p} ends on ${periodEnd(p)}; it can be closed from the day after`);
    }
    const workflowId = periodCloseWorkflowId(p);
    let alreadyClosed: boolean;
    try {
      const handle = await this.temporal.client.workflow.start('periodCloseWorkflow', {
        workflowId,
        taskQueue: TASK_QUEUE,
        args: [{ period: p, actorId: actor.id }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      alreadyClosed = ((await handle.result()) as PeriodCloseResult).alreadyClosed;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // A repeat: the first close (finished or still running) decides; this request closes nothing.
      await this.temporal.client.workflow.getHandle(workflowId).result();
      alreadyClosed = true;
    }
    const statements = await new CompRepository(this.db).statementsFor(p);
    const [row] = await this.db.query(`SELECT closed_by FROM periods WHERE period = $1`, [p]);
    return { period: p, status: 'CLOSED', closedBy: row?.closed_by ?? actor.id, alreadyClosed, statements };
  }
}

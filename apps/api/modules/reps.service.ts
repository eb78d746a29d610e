import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { attainment, IsoDate, Money, periodOf, PlanParams, RepPlanMove, repPlanOn, Statement } from '../../../libs/domain';
import { Actor, departureUpdate, moveRepPlanUpdate, repWorkflowId, RepWorkflowInput, TASK_QUEUE } from '../../../libs/contracts';
import { hasRole, Role } from '../http/auth';
import { requestHash } from '../http/idempotency.interceptor';
import { orderedStatement } from '../../../libs/persistence/comp.repository';
import { refuse } from '../http/problem';
import { createRepSchema, departureSchema, repPlanMoveSchema } from '../schemas';
import { BusinessClock } from './clock.service';
import { PeriodsRepository } from './periods.repository';
import { PlansService } from './plans.service';
import { TemporalGateway } from './temporal.gateway';

/** API.md: statements are read by the rep, their manager, comp_admin and finance (not HR). */
export const STATEMENT_READERS: Role[] = ['rep', 'manager', 'comp_admin', 'finance'];
const STATEMENT_STAFF: Role[] = ['comp_admin', 'finance'];

interface RepRow {
  id: string;
  name: string;
  role: string;
  hire_date: string;
  quarterly_draw: string;
  plan_id: string;
  plan_moves: Array<RepPlanMove & { recordedBy: string }>;
  manager_id: string | null;
  status: string;
  departure: { effectiveDate: IsoDate } | null;
  unrecovered_balance: string;
  performance_review: boolean;
  last_closed_period: string | null;
  request_hash: string;
}

@Injectable()
export class RepsService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly plans: PlansService,
    private readonly periods: PeriodsRepository,
    private readonly clock: BusinessClock,
  ) {}

  private async row(repId: string): Promise<RepRow | undefined> {
    const [row] = await this.db.query(
      `SELECT id, name, role, hire_date::text AS hire_date, quarterly_draw, plan_id, plan_moves, manager_id, status, departure, unrecovered_balance,
              performance_review, last_closed_period, request_hash FROM reps WHERE id = $1`,
      [repId],
    );
    return row;
  }

  /** Inserts the rep, then starts `rep:<id>` (draw, retention, departure, trailing). Same id and body: 200. */
  async create(input: z.infer<typeof createRepSchema>) {
    const hash = requestHash('POST', '/reps', input);
    const existing = await this.row(input.id);
    if (existing && existing.request_hash !== hash) throw refuse('CONFLICT', `rep ${input.id} already exists with other attributes`);
    const plan = await this.plans.find(input.planId);
    if (!plan) throw refuse('PLAN_NOT_PUBLISHED', `no plan ${input.planId}`);
    if (plan.status !== 'PUBLISHED') throw refuse('PLAN_NOT_PUBLISHED', `plan ${input.planId} is a draft; publish it first`);
    if (!existing) {
      await this.periods.refuseClosedDate(input.hireDate, 'hireDate');
      await this.db.query(
        `INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, manager_id, status, request_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'ACTIVE',$8) ON CONFLICT (id) DO NOTHING`,
        [input.id, input.name, input.role, input.hireDate, Money.format(input.quarterlyDraw), input.planId, input.managerId ?? null, hash],
      );
    }
    const workflowInput: RepWorkflowInput = {
      profile: { ...input, quarterlyDraw: Money.format(input.quarterlyDraw) },
      plan: plan.params as PlanParams,
      balance: '0.00',
      performanceReview: false,
      nextPeriod: periodOf(input.hireDate),
      status: 'ACTIVE',
    };
    try {
      await this.temporal.client.workflow.start('repWorkflow', { workflowId: repWorkflowId(input.id), taskQueue: TASK_QUEUE, args: [workflowInput] });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return { created: !existing, rep: await this.view((await this.row(input.id))!) };
  }

  /** The version that governs the rep on `date`: RULES.md "Plan version", moves from a 1 January. */
  private planIdOn(row: RepRow, date: IsoDate): string {
    return repPlanOn({ planId: row.plan_id }, row.plan_moves, date, row.departure?.effectiveDate).planId;
  }

  private async view(row: RepRow) {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      hireDate: row.hire_date,
      quarterlyDraw: row.quarterly_draw,
      planId: this.planIdOn(row, this.clock.today()),
      hirePlanId: row.plan_id,
      planMoves: row.plan_moves.map((m) => ({ planId: m.planId, planEffectiveFrom: m.planEffectiveFrom, effectiveFrom: m.effectiveFrom, recordedBy: m.recordedBy })),
      managerId: row.manager_id,
      status: row.status,
      departure: row.departure ?? null,
      unrecoveredDrawBalance: row.unrecovered_balance,
      performanceReview: row.performance_review,
      lastClosedPeriod: row.last_closed_period,
    };
  }

  /** The rep, their manager and the `staff` roles (comp admin, HR, finance unless narrowed) see a rep; anyone else gets 404. */
  async visibleRep(repId: string, actor: Actor, staff: Role[] = ['comp_admin', 'finance', 'hr']): Promise<RepRow> {
    const row = await this.row(repId);
    const allowed =
      row &&
      (hasRole(actor, ...staff) ||
        (actor.id === repId && hasRole(actor, 'rep')) ||
        (row.manager_id === actor.id && hasRole(actor, 'manager')));
    if (!row || !allowed) throw refuse('NOT_FOUND', `no rep ${repId}`);
    return row;
  }

  async get(repId: string, actor: Actor) {
    return this.view(await this.visibleRep(repId, actor));
  }

  /** The rep whose workflow a command goes to. A finished rep's workflow has ended, so it cannot refuse the command itself (a DEPARTED one still can, keeping update ids). */
  private async commandableRep(repId: string): Promise<RepRow> {
    const row = await this.row(repId);
    if (!row) throw refuse('NOT_FOUND', `no rep ${repId}`);
    if (row.status === 'FINISHED') throw refuse('REP_DEPARTED', `${repId} has already departed`);
    return row;
  }

  async depart(repId: string, input: z.infer<typeof departureSchema>, actor: Actor, updateId?: string) {
    await this.commandableRep(repId);
    this.clock.refuseFutureDate(input.effectiveDate);
    await this.periods.refuseClosedDate(input.effectiveDate);
    const dealIds = input.reassignments.map((r) => r.dealId);
    const deals: Array<{ id: string; rep_ids: string[] }> = await this.db.query(`SELECT id, rep_ids FROM deals WHERE id = ANY($1)`, [dealIds]);
    for (const r of input.reassignments) {
      const deal = deals.find((d) => d.id === r.dealId);
      if (!deal) throw refuse('UNKNOWN_DEAL', `no deal ${r.dealId}`);
      if (!deal.rep_ids.includes(repId)) throw refuse('VALIDATION_FAILED', `${repId} is not on deal ${r.dealId}; nothing to reassign`);
      if (r.newOwner === repId) throw refuse('VALIDATION_FAILED', `deal ${r.dealId} cannot be reassigned to the departing rep`);
    }
    const owners: Array<{ id: string; status: string }> = await this.db.query(`SELECT id, status FROM reps WHERE id = ANY($1)`, [input.reassignments.map((r) => r.newOwner)]);
    const missing = input.reassignments.filter((r) => !owners.some((o) => o.id === r.newOwner));
    if (missing.length) throw refuse('UNKNOWN_REP', `no rep ${missing.map((m) => m.newOwner).join(', ')}`);
    // Gates retiring after the departure credit the new owner, so it must be someone still employed.
    const gone = owners.filter((o) => o.status !== 'ACTIVE').map((o) => o.id);
    if (gone.length) throw refuse('REP_DEPARTED', `${gone.join(', ')} has departed; reassign to an active rep`);
    const state = await this.temporal.update(repWorkflowId(repId), departureUpdate, { ...input, actor, openFrom: await this.periods.openFrom() }, updateId);
    return { repId, status: state.status, departure: state.departure };
  }

  /** Moves an active rep to a newer published version from a 1 January not yet closed for them; the workflow checks the rest. */
  async movePlan(repId: string, input: z.infer<typeof repPlanMoveSchema>, actor: Actor, updateId?: string) {
    const row = await this.commandableRep(repId);
    const plan = await this.plans.find(input.planId);
    if (!plan || plan.status !== 'PUBLISHED') throw refuse('PLAN_NOT_PUBLISHED', plan ? `plan ${input.planId} is a draft; publish it first` : `no plan ${input.planId}`);
    const hirePlan = await this.plans.get(row.plan_id);
    await this.periods.refuseClosedDate(input.effectiveFrom, 'effectiveFrom');
    await this.temporal.update(
      repWorkflowId(repId),
      moveRepPlanUpdate,
      {
        planId: plan.id,
        planEffectiveFrom: plan.effectiveFrom,
        plan: plan.params,
        effectiveFrom: input.effectiveFrom,
        hirePlanEffectiveFrom: hirePlan.effectiveFrom,
        actor,
        openFrom: await this.periods.openFrom(),
      },
      updateId,
    );
    return this.view((await this.row(repId))!);
  }

  async statements(repId: string, actor: Actor): Promise<Statement[]> {
    await this.visibleRep(repId, actor, STATEMENT_STAFF);
    const rows = await this.db.query(
      `SELECT s.body FROM statements s JOIN periods p ON p.period = s.period AND p.status = 'CLOSED' WHERE s.rep_id = $1`,
      [repId],
    );
    return rows.map((r: { body: Statement }) => orderedStatement(r.body)).sort((a: Statement, b: Statement) => (a.period < b.period ? -1 : 1));
  }

  async statement(repId: string, period: string, actor: Actor): Promise<Statement> {
    await this.visibleRep(repId, actor, STATEMENT_STAFF);
    const [row] = await this.db.query(
      `SELECT s.body FROM statements s JOIN periods p ON p.period = s.period AND p.status = 'CLOSED' WHERE s.rep_id = $1 AND s.period = $2`,
      [repId, period],
    );
    if (!row) throw refuse('NOT_FOUND', `no statement for ${repId} in ${period}: the period is not closed, or the rep was not paid in it`);
    return orderedStatement(row.body);
  }

  async attainment(repId: string, year: number, actor: Actor) {
    const row = await this.visibleRep(repId, actor);
    const plan = await this.plans.get(this.planIdOn(row, `${year}-01-01`));
    const credit = await this.db.query(
      `SELECT deal_type, sum(amount) AS credit FROM ledger_entries
       WHERE rep_id = $1 AND kind = 'QUOTA_CREDIT' AND effective_date >= $2 AND effective_date < $3 GROUP BY deal_type`,
      [repId, `${year}-01-01`, `${year + 1}-01-01`],
    );
    const of = (type: string) => credit.find((c: any) => c.deal_type === type)?.credit ?? '0';
    return attainment(plan.params as PlanParams, row.hire_date, year, { newBusiness: of('NEW_BUSINESS'), expansion: of('EXPANSION') });
  }
}

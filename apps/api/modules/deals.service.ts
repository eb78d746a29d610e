import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { comparePeriods, periodOf, newDeal, PlanParams, splitProblems, isQuantityBonus, bonusRecipientProblems, splitRecipients } from '../../../libs/domain';
import {
  Actor,
  closeDealUpdate,
  dealWorkflowId,
  descopeUpdate,
  killUpdate,
  recordRevenueUpdate,
  slipUpdate,
  submitArtifactUpdate,
  submitBonusEventUpdate,
  TASK_QUEUE,
  DealWorkflowInput,
} from '../../../libs/contracts';
import { projectDeal } from '../../../libs/persistence/ledger.repository';
import { hasRole } from '../http/auth';
import { requestHash } from '../http/idempotency.interceptor';
import { refuse } from '../http/problem';
import { artifactSchema, bonusEventSchema, createDealSchema, dealListQuery, descopeSchema, killSchema, revenueSchema, slipSchema } from '../schemas';
import { BusinessClock } from './clock.service';
import { dealView } from './deal-view';
import { DealStateCache } from './deal-state.cache';
import { PeriodsRepository } from './periods.repository';
import { PlansService } from './plans.service';
import { TemporalGateway } from './temporal.gateway';
import { randomUUID } from 'node:crypto';

@Injectable()
export class DealsService {
  private readonly states = new DealStateCache();

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly plans: PlansService,
    private readonly periods: PeriodsRepository,
    private readonly clock: BusinessClock,
  ) {}

  /** Writes the read-model row, then starts `deal:<id>` pinned to the plan in force on sourcedAt. */
  async create(input: z.infer<typeof createDealSchema>, actor: Actor): Promise<{ created: boolean; deal: ReturnType<typeof dealView> }> {
    const hash = requestHash('POST', '/deals', input);
    const [existing] = await this.db.query(`SELECT request_hash FROM deals WHERE id = $1`, [input.id]);
    if (existing && existing.request_hash !== hash) throw refuse('CONFLICT', `deal ${input.id} already exists with other attributes`);
    this.clock.refuseFutureDate(input.sourcedAt, 'sourcedAt');
    const plan = await this.plans.inForceOn(input.sourcedAt);
    const params = plan.params as PlanParams;
    const problems = splitProblems(input.splits, params.gates.map((g) => g.key));
    if (problems.length) throw refuse('VALIDATION_FAILED', 'the credit splits break the split rules', problems.map((p) => ({ path: 'splits', message: p })));
    await this.refuseUnknownReps([input.sourcedBy, input.owner, ...input.splits.map((s) => s.repId)]);
    const deal = newDeal({ ...input, tcv: input.tcv }, plan.id, params);
    if (!existing) {
      await this.db.transaction((tx) => projectDeal(tx, deal, 0, hash));
    }
    const workflowInput: DealWorkflowInput = { deal, createdBy: actor };
    try {
      await this.temporal.client.workflow.start('dealWorkflow', {
        workflowId: dealWorkflowId(input.id),
        taskQueue: TASK_QUEUE,
        args: [workflowInput],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    // a repeated create answers with the deal as it is now, not as it was first created
    return { created: !existing, deal: existing ? dealView(await this.temporal.dealState(input.id)) : dealView(deal) };
  }

  private async refuseUnknownReps(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM reps WHERE id = ANY($1)`, [unique]);
    const missing = unique.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw refuse('UNKNOWN_REP', `no rep ${missing.join(', ')}; create reps before crediting them`);
  }

  /** A rep sees only deals they are on; to them any other deal does not exist. */
  async refuseUnlessVisible(dealId: string, actor: Actor): Promise<{ repIds: string[]; status: string; version: number }> {
    const [row] = await this.db.query(`SELECT rep_ids, status, version FROM deals WHERE id = $1`, [dealId]);
    if (!row) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    const privileged = hasRole(actor, 'comp_admin', 'manager', 'deal_desk', 'finance', 'hr');
    if (!privileged && !row.rep_ids.includes(actor.id)) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    return { repIds: row.rep_ids, status: row.status, version: row.version };
  }

  /** A closed deal's workflow has completed and takes no more commands: refuse here, naming the rule. */
  private async refuseUnlessOpen(dealId: string, actor: Actor): Promise<{ repIds: string[] }> {
    const { repIds, status } = await this.refuseUnlessVisible(dealId, actor);
    if (status === 'CLOSED') throw refuse('DEAL_CLOSED', `deal ${dealId} is closed`);
    return { repIds };
  }

  /** The live state from the workflow query, or that query's earlier answer while no commit has happened since. */
  async get(dealId: string, actor: Actor) {
    const { version } = await this.refuseUnlessVisible(dealId, actor);
    const cached = this.states.get(dealId, version);
    if (cached) return cached;
    const snapshot = await this.temporal.dealSnapshot(dealId);
    const view = dealView(snapshot.deal);
    if (snapshot.version !== undefined) this.states.put(dealId, snapshot.version, view);
    return view;
  }

  async list(query: z.infer<typeof dealListQuery>, actor: Actor) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) add('status = ?', query.status);
    if (query.owner) add('owner = ?', query.owner);
    if (query.sourcedBy) add('sourced_by = ?', query.sourcedBy);
    if (!hasRole(actor, 'comp_admin', 'manager', 'deal_desk', 'finance', 'hr')) add('? = ANY(rep_ids)', actor.id);
    params.push(query.limit, query.offset);
    const rows = await this.db.query(
      `SELECT id, sponsor, program, deal_type, sourced_by, owner, sourced_at::text AS sourced_at, plan_id, status, tcv, credit_retired,
              revenue_recognized, gates, splits
       FROM deals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map((r: any) => ({
      id: r.id,
      sponsor: r.sponsor,
      program: r.program,
      dealType: r.deal_type,
      sourcedBy: r.sourced_by,
      owner: r.owner,
      sourcedAt: r.sourced_at,
      planId: r.plan_id,
      status: r.status,
      tcv: r.tcv,
      creditRetired: r.credit_retired,
      revenueRecognized: r.revenue_recognized,
      gates: (r.gates as Array<{ key: string; status: string }>).map((g) => ({ key: g.key, status: g.status })),
      splits: r.splits,
    }));
  }

  private async refuseUnlessOnDeal(dealId: string, actor: Actor): Promise<void> {
    const { repIds } = await this.refuseUnlessOpen(dealId, actor);
    if (!hasRole(actor, 'comp_admin', 'manager') && !repIds.includes(actor.id)) {
      throw refuse('FORBIDDEN', `only a rep on deal ${dealId}, a manager or a comp admin may submit evidence for it`);
    }
  }

  async submitArtifact(dealId: string, input: z.infer<typeof artifactSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOnDeal(dealId, actor);
    this.clock.refuseFutureDate(input.effectiveDate);
    await this.periods.refuseClosedDate(input.effectiveDate);
    return this.temporal.update(dealWorkflowId(dealId), submitArtifactUpdate, { ...input, actor, openFrom: await this.periods.openFrom() }, updateId);
  }

  async submitBonusEvent(dealId: string, input: z.infer<typeof bonusEventSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOnDeal(dealId, actor);
    const perUnit = isQuantityBonus(input.type);
    if (perUnit && input.quantity === undefined) throw refuse('VALIDATION_FAILED', `${input.type} is paid per unit: quantity is required`, [{ path: 'quantity', message: 'required' }]);
    if (!perUnit && input.quantity !== undefined && input.quantity !== 1) {
      throw refuse('VALIDATION_FAILED', `${input.type} is paid once per event: quantity must be 1 or omitted`, [{ path: 'quantity', message: 'must be 1' }]);
    }
    if (input.recipients) {
      const deal = await this.temporal.dealState(dealId);
      const problems = bonusRecipientProblems(input.recipients, splitRecipients(deal.splits));
      if (problems.length) throw refuse('VALIDATION_FAILED', 'the bonus recipients break the recipient rules', problems.map((p) => ({ path: 'recipients', message: p })));
    }
    this.clock.refuseFutureDate(input.effectiveDate);
    await this.periods.refuseClosedDate(input.effectiveDate);
    return this.temporal.update(
      dealWorkflowId(dealId),
      submitBonusEventUpdate,
      { ...input, quantity: input.quantity ?? 1, actor, openFrom: await this.periods.openFrom() },
      updateId,
    );
  }

  async descope(dealId: string, input: z.infer<typeof descopeSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOpen(dealId, actor);
    this.clock.refuseFutureDate(input.effectiveDate);
    await this.periods.refuseClosedDate(input.effectiveDate);
    return dealView(await this.temporal.update(dealWorkflowId(dealId), descopeUpdate, { ...input, actor, openFrom: await this.periods.openFrom() }, updateId));
  }

  async kill(dealId: string, input: z.infer<typeof killSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOpen(dealId, actor);
    this.clock.refuseFutureDate(input.effectiveDate);
    await this.periods.refuseClosedDate(input.effectiveDate);
    return dealView(await this.temporal.update(dealWorkflowId(dealId), killUpdate, { ...input, actor, openFrom: await this.periods.openFrom() }, updateId));
  }

  async slip(dealId: string, input: z.infer<typeof slipSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOpen(dealId, actor);
    return dealView(await this.temporal.update(dealWorkflowId(dealId), slipUpdate, { ...input, actor }, updateId));
  }

  async recordRevenue(dealId: string, input: z.infer<typeof revenueSchema>, actor: Actor, updateId?: string) {
    await this.refuseUnlessOpen(dealId, actor);
    if (!this.clock.manual && comparePeriods(input.period, periodOf(this.clock.today())) > 0) {
      throw refuse('FUTURE_DATE', `period ${input.period} has not started; revenue cannot be recognized in the future`);
    }
    await this.periods.refuseClosedPeriod(input.period);
    const requestId = updateId ?? randomUUID();
    return dealView(
      await this.temporal.update(dealWorkflowId(dealId), recordRevenueUpdate, { ...input, requestId, actor, openFrom: await this.periods.openFrom() }, updateId),
    );
  }

  async close(dealId: string, actor: Actor, updateId?: string) {
    await this.refuseUnlessOpen(dealId, actor);
    return dealView(await this.temporal.update(dealWorkflowId(dealId), closeDealUpdate, { actor }, updateId));
  }
}

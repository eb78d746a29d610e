import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Actor, DisputeRecord, disputeOpenedUpdate, disputeWorkflowId, resolveDisputeUpdate } from '../../../libs/contracts';
import { checkDisputeResolution, disputeSlaDaysOf, PlanParams, periodStart } from '../../../libs/domain';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { DisputesRepository } from '../../../libs/persistence/disputes.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { withLineIds } from '../../../libs/persistence/statement-line-ids';
import { disputeWorkflow } from '../../../workflows';
import { refuse } from '../http/problem';
import { PlansService } from '../plans/plans.service';
import { planIdOn } from '../reps/rep-view';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { disputeListQuery, openDisputeSchema, resolveDisputeSchema } from './dispute.schemas';
import { DisputesPolicy } from './disputes.policy';

/**
 * Disputes are workflows (`dispute-<id>`): each holds its SLA timer and takes its one resolution. Here: who may open
 * one, that what it names exists on a closed statement, the SLA of the rep's plan in that period, and who sees what.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly reps: RepsRepository,
    private readonly periods: PeriodsRepository,
    private readonly deals: DealProjectionRepository,
    private readonly plans: PlansService,
    private readonly policy: DisputesPolicy,
    private readonly temporal: TemporalGateway,
  ) {}

  async open(body: z.infer<typeof openDisputeSchema>, actor: Actor, updateId?: string): Promise<DisputeRecord> {
    const row = await this.reps.find(body.repId);
    this.policy.refuseUnlessMayOpen(body.repId, row, actor);
    if (!row) throw refuse('UNKNOWN_REP', `no rep ${body.repId}`);
    if ((await this.periods.find(body.period))?.status !== 'CLOSED') throw refuse('PERIOD_NOT_CLOSED', `${body.period} is not closed: a dispute is on a closed period's statement`);
    const stored = await this.reps.closedStatement(body.repId, body.period);
    if (!stored) throw refuse('NOT_FOUND', `no statement for ${body.repId} in ${body.period}`);
    const line = body.lineId ? withLineIds(stored).lines.find((l) => l.lineId === body.lineId) : undefined;
    if (body.lineId && !line) throw refuse('VALIDATION_FAILED', `lineId: ${body.lineId} is not a line of ${body.repId}'s ${body.period} statement`);
    if (line?.dealId && body.dealId && line.dealId !== body.dealId) throw refuse('VALIDATION_FAILED', `dealId: line ${body.lineId} is on ${line.dealId}, not ${body.dealId}`);
    const dealId = body.dealId ?? line?.dealId;
    if (body.dealId && !(await this.deals.repIdsOf([body.dealId])).has(body.dealId)) throw refuse('UNKNOWN_DEAL', `no deal ${body.dealId}`);
    const plan = await this.plans.get(planIdOn(row, periodStart(body.period)));
    // With an Idempotency-Key the id follows from it, so a request replayed by another API process names the same dispute.
    const id = updateId ? `dsp-${createHash('sha256').update(updateId).digest('hex').slice(0, 24)}` : `dsp-${randomUUID()}`;
    const dispute = {
      id,
      repId: body.repId,
      period: body.period,
      ...(body.lineId ? { lineId: body.lineId } : {}),
      ...(dealId ? { dealId } : {}),
      reason: body.reason,
      message: body.message,
      openedBy: actor.id,
      slaDays: disputeSlaDaysOf(plan.params as PlanParams),
    };
    const { result } = await this.temporal.executeUpdateWithStart(
      disputeWorkflow,
      { workflowId: disputeWorkflowId(id), args: [{ dispute }], workflowIdReusePolicy: 'REJECT_DUPLICATE' },
      disputeOpenedUpdate,
      { disputeId: id },
    );
    return result;
  }

  async resolve(disputeId: string, body: z.infer<typeof resolveDisputeSchema>, actor: Actor, key?: string): Promise<DisputeRecord> {
    const record = await this.policy.visible(await this.disputes.find(disputeId), disputeId, actor);
    // The workflow checks both again under its own order; a resolved dispute's workflow has ended, so the projection answers.
    const refusal = checkDisputeResolution(record, actor.id);
    if (refusal) throw refuse(refusal.code, refusal.message);
    const updateId = key ? `resolve-dispute:${disputeId}:${actor.id}:${key}` : undefined;
    return this.temporal.update(disputeWorkflowId(disputeId), resolveDisputeUpdate, { resolution: body, actor }, updateId);
  }

  async list(query: z.infer<typeof disputeListQuery>, actor: Actor): Promise<DisputeRecord[]> {
    return this.disputes.list({ ...query, repIds: await this.policy.readScope(actor) });
  }

  async get(disputeId: string, actor: Actor): Promise<DisputeRecord> {
    return this.policy.visible(await this.disputes.find(disputeId), disputeId, actor);
  }
}

import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { z } from 'zod';
import { newDeal, PlanParams, splitProblems } from '../../../libs/domain';
import { Actor, createDealUpdate, dealWorkflowId } from '../../../libs/contracts';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { dealWorkflow } from '../../../workflows';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { requestHash } from '../http/request-hash';
import { PlansService } from '../plans/plans.service';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { createDealSchema } from './deal.schemas';
import { DealReadsService } from './deal-reads.service';
import { DealView, dealView } from './deal-view';
import { DealsPolicy } from './deals.policy';

/**
 * POST /deals. The deal workflow writes the deal's row; this only asks it to start. The same id and body again
 * answers the deal as it is now (200, even once closed); another body is 409; no repeat ever starts a second run.
 */
@Injectable()
export class DealCreationService {
  constructor(
    private readonly deals: DealProjectionRepository,
    private readonly reps: RepsRepository,
    private readonly plans: PlansService,
    private readonly reads: DealReadsService,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
    private readonly policy: DealsPolicy,
  ) {}

  async create(input: z.infer<typeof createDealSchema>, actor: Actor): Promise<{ created: boolean; deal: DealView }> {
    await this.policy.refuseUnlessMayCreateFor(input.owner, actor);
    const hash = requestHash('POST', '/deals', input);
    const existing = await this.deals.find(input.id);
    if (existing) {
      if (existing.requestHash !== hash) throw refuse('CONFLICT', `deal ${input.id} already exists with other attributes`);
      return { created: false, deal: await this.reads.view(existing) };
    }
    this.clock.refuseFutureDate(input.sourcedAt, 'sourcedAt');
    const plan = await this.plans.inForceOn(input.sourcedAt);
    const params = plan.params as PlanParams;
    const problems = splitProblems(input.splits, params.gates.map((g) => g.key));
    if (problems.length) throw refuse('VALIDATION_FAILED', 'the credit splits break the split rules', problems.map((p) => ({ path: 'splits', message: p })));
    await this.refuseUnknownReps([input.sourcedBy, input.owner, ...input.splits.map((s) => s.repId)]);
    const deal = newDeal(input, plan.id, params);
    try {
      const { result, started } = await this.temporal.executeUpdateWithStart(
        dealWorkflow,
        { workflowId: dealWorkflowId(input.id), args: [{ deal, createdBy: actor, requestHash: hash }], workflowIdReusePolicy: 'REJECT_DUPLICATE' },
        createDealUpdate,
        { actor, requestHash: hash },
      );
      return { created: started, deal: dealView(result.deal, this.clock.today()) };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // The id's workflow ran and closed, so it never restarts: whatever its projection says decides.
      const row = await this.deals.find(input.id);
      if (row?.requestHash === hash) return { created: false, deal: await this.reads.view(row) };
      throw refuse('CONFLICT', `deal ${input.id} was created before and has ended`);
    }
  }

  private async refuseUnknownReps(ids: string[]): Promise<void> {
    const known = await this.reps.statuses(ids);
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length) throw refuse('UNKNOWN_REP', `no rep ${missing.join(', ')}; create reps before crediting them`);
  }
}

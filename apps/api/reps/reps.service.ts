import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { z } from 'zod';
import { Money, periodOf } from '../../../libs/domain';
import { Actor, createRepUpdate, repWorkflowId, RepWorkflowInput } from '../../../libs/contracts';
import { RepRow, RepsRepository } from '../../../libs/persistence/reps.repository';
import { repWorkflow } from '../../../workflows';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { requestHash } from '../http/request-hash';
import { PlanAckRemindersService } from '../plan-documents/plan-ack-reminders.service';
import { PlansService } from '../plans/plans.service';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { createRepSchema, repListQuery } from './rep.schemas';
import { RepView, repView } from './rep-view';
import { RepsPolicy } from './reps.policy';

/**
 * POST /reps and GET /reps/{id}. The rep workflow writes the rep's row as it starts; this only asks it to start.
 * The same id and body again answers the rep as it is now (200); another body is 409.
 */
@Injectable()
export class RepsService {
  constructor(
    private readonly reps: RepsRepository,
    private readonly policy: RepsPolicy,
    private readonly plans: PlansService,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
    private readonly reminders: PlanAckRemindersService,
  ) {}

  /** Hires the rep, then starts their plan acknowledgement reminders (a repeat starts nothing twice). */
  async create(input: z.infer<typeof createRepSchema>, actor: Actor): Promise<{ created: boolean; rep: RepView }> {
    const result = await this.hire(input, actor);
    await this.reminders.ensure(input.id, input.planId);
    return result;
  }

  private async hire(input: z.infer<typeof createRepSchema>, actor: Actor): Promise<{ created: boolean; rep: RepView }> {
    const hash = requestHash('POST', '/reps', input);
    const existing = await this.reps.find(input.id);
    if (existing && existing.requestHash !== hash) throw refuse('CONFLICT', `rep ${input.id} already exists with other attributes`);
    const plan = await this.plans.published(input.planId);
    if (existing) return { created: false, rep: this.view(existing) };
    const workflowInput: RepWorkflowInput = {
      profile: { ...input, quarterlyDraw: Money.format(input.quarterlyDraw) },
      plan: plan.params,
      balance: '0.00',
      performanceReview: false,
      nextPeriod: periodOf(input.hireDate),
      status: 'ACTIVE',
      requestHash: hash,
    };
    try {
      const { started } = await this.temporal.executeUpdateWithStart(
        repWorkflow,
        { workflowId: repWorkflowId(input.id), args: [workflowInput], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' },
        createRepUpdate,
        { actor, requestHash: hash },
      );
      return { created: started, rep: this.view(await this.committed(input.id)) };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // A finished tenure's workflow never restarts: whatever its projection says decides.
      const row = await this.reps.find(input.id);
      if (row?.requestHash === hash) return { created: false, rep: this.view(row) };
      throw refuse('CONFLICT', `rep ${input.id} was created before and has finished`);
    }
  }

  /** The directory: staff see every rep, a manager only their team (another manager's `managerId` gives an empty page). */
  async list(query: z.infer<typeof repListQuery>, actor: Actor): Promise<RepView[]> {
    const rows = await this.reps.list({ ...query, teamOf: this.policy.directoryScope(actor) });
    return rows.map((row) => this.view(row));
  }

  async get(repId: string, actor: Actor): Promise<RepView> {
    return this.view(await this.policy.visibleRep(repId, actor));
  }

  /** A rep a command may go to: it exists (whether its workflow still runs is the workflow's and the gateway's concern). */
  async existing(repId: string): Promise<RepRow> {
    const row = await this.reps.find(repId);
    if (!row) throw refuse('NOT_FOUND', `no rep ${repId}`);
    return row;
  }

  /** The row the workflow wrote before answering the create. */
  async committed(repId: string): Promise<RepRow> {
    const row = await this.reps.find(repId);
    if (!row) throw new Error(`the rep workflow answered the create of ${repId} without writing its row`);
    return row;
  }

  view(row: RepRow): RepView {
    return repView(row, this.clock.today());
  }
}

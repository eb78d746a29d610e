import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { requiresAcknowledgement } from '../../../libs/domain';
import { planAcknowledgedSignal, planAckReminderWorkflowId } from '../../../libs/contracts';
import { PlansRepository } from '../../../libs/persistence/plans.repository';
import { planAckReminderWorkflow } from '../../../workflows';
import { TemporalGateway } from '../temporal/temporal.gateway';

/**
 * The weekly reminder of an unacknowledged plan version (docs/rules.md "Plan document and acknowledgement"): one
 * workflow per rep and version, started once when the rep is hired on it or moved to it, for plans with
 * `requireAcknowledgement: true` only.
 */
@Injectable()
export class PlanAckRemindersService {
  private readonly log = new Logger(PlanAckRemindersService.name);

  constructor(
    private readonly plans: PlansRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  /** Starts the reminders of the rep's version unless they already run or ran (the same id is never started twice). */
  async ensure(repId: string, planId: string): Promise<boolean> {
    const plan = await this.plans.find(planId);
    if (!plan || !requiresAcknowledgement(plan.params)) return false;
    const { started } = await this.temporal.startOnce(planAckReminderWorkflow, {
      workflowId: planAckReminderWorkflowId(repId, planId),
      args: [{ repId, planId }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return started;
  }

  /** Ends the reminders once the rep acknowledged; the weekly check would find it anyway, so a failure only logs. */
  async acknowledged(repId: string, planId: string): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(planAckReminderWorkflowId(repId, planId)).signal(planAcknowledgedSignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) this.log.warn(`could not signal the plan reminder of ${repId}/${planId}: ${String(err)}`);
    }
  }
}

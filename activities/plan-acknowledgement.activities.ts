import { dateOfInstant, repPlanOn, repPlanVersions } from '../libs/domain';
import { PlanAckCheck } from '../libs/contracts';
import { PlanAcknowledgementsRepository } from '../libs/persistence/plan-acknowledgements.repository';
import { RepsRepository } from '../libs/persistence/reps.repository';

export interface ReminderCheck {
  repId: string;
  planId: string;
  /** 1 for the first reminder: with the rep and version, the reminder's idempotency key. */
  week: number;
  /** The workflow's time of the check (the reminder's date). */
  sentAt: string;
}

/** The weekly check of the plan acknowledgement reminder (workflows/plan-ack-reminder.workflow.ts). */
export function createPlanAcknowledgementActivities(deps: { acknowledgements: PlanAcknowledgementsRepository; reps: RepsRepository }) {
  return {
    async remindPlanAcknowledgement(check: ReminderCheck): Promise<PlanAckCheck> {
      const rep = await deps.reps.find(check.repId);
      if (!rep || rep.status !== 'ACTIVE') return 'STOPPED';
      if (await deps.acknowledgements.isAcknowledged(check.repId, check.planId)) return 'ACKNOWLEDGED';
      // A rep already on a later version is reminded of that one (its own workflow), not of this one.
      const versions = repPlanVersions({ planId: rep.planId, hireDate: rep.hireDate }, rep.planMoves ?? []).map((v) => v.planId);
      const current = repPlanOn({ planId: rep.planId }, rep.planMoves ?? [], dateOfInstant(Date.parse(check.sentAt))).planId;
      if (!versions.includes(check.planId) || versions.indexOf(current) > versions.indexOf(check.planId)) return 'STOPPED';
      await deps.acknowledgements.recordReminder(check.repId, check.planId, check.week, check.sentAt);
      return 'REMINDED';
    },
  };
}

export type PlanAcknowledgementActivities = ReturnType<typeof createPlanAcknowledgementActivities>;

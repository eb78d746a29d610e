import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PlanAcknowledgementActivities } from '../activities/plan-acknowledgement.activities';
import { PLAN_ACK_REMINDER_INTERVAL, PlanAckReminderInput, PlanAckReminderResult, planAcknowledgedSignal } from '../libs/contracts';
import { ENTITY_ACTIVITY_OPTIONS } from './entity-workflow';

const activities = proxyActivities<PlanAcknowledgementActivities>(ENTITY_ACTIVITY_OPTIONS);

/** Reminders per run before it continues as new, so a rep who never acknowledges keeps a short history. */
const REMINDERS_PER_RUN = 52;

/**
 * docs/rules.md "Plan document and acknowledgement": every 7 days an unacknowledged rep is reminded (one reminder row
 * per week, keyed by the week), until they acknowledge the version (the API's signal, or the weekly check finding it)
 * or there is nobody left to remind (the rep departed or moved past this version).
 */
export async function planAckReminderWorkflow(input: PlanAckReminderInput): Promise<PlanAckReminderResult> {
  let acknowledged = false;
  setHandler(planAcknowledgedSignal, () => {
    acknowledged = true;
  });
  let sent = input.remindersSent ?? 0;
  for (let i = 0; i < REMINDERS_PER_RUN; i++) {
    if (await condition(() => acknowledged, PLAN_ACK_REMINDER_INTERVAL)) return { outcome: 'ACKNOWLEDGED', remindersSent: sent };
    const check = await activities.remindPlanAcknowledgement({ repId: input.repId, planId: input.planId, week: sent + 1, sentAt: new Date().toISOString() });
    if (check === 'ACKNOWLEDGED') return { outcome: 'ACKNOWLEDGED', remindersSent: sent };
    if (check === 'STOPPED') return { outcome: 'STOPPED', remindersSent: sent };
    sent += 1;
  }
  return continueAsNew<typeof planAckReminderWorkflow>({ ...input, remindersSent: sent });
}

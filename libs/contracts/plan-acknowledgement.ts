import { defineSignal } from '@temporalio/workflow';

/** docs/rules.md "Plan document and acknowledgement": one reminder workflow per rep and plan version. */
export const planAckReminderWorkflowId = (repId: string, planId: string): string => `plan-ack-reminder-${repId}-${planId}`;

/** How long an unacknowledged rep waits between reminders. */
export const PLAN_ACK_REMINDER_INTERVAL = '7 days';

export interface PlanAckReminderInput {
  repId: string;
  planId: string;
  /** Reminders already sent (carried over continue-as-new). */
  remindersSent?: number;
}

export interface PlanAckReminderResult {
  /** Why the reminders stopped. */
  outcome: 'ACKNOWLEDGED' | 'STOPPED';
  remindersSent: number;
}

/** What one weekly check did: reminded the rep, found the version acknowledged, or found there is nobody to remind. */
export type PlanAckCheck = 'REMINDED' | 'ACKNOWLEDGED' | 'STOPPED';

/** Sent by the API when the rep acknowledges: the workflow ends without waiting for the next check. */
export const planAcknowledgedSignal = defineSignal<[]>('planAcknowledged');

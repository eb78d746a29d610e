/** Workflow code imports this too, so it reads no environment: one task queue, one id scheme per kind. */
export const TASK_QUEUE = 'tranche';

export const dealWorkflowId = (dealId: string): string => `deal:${dealId}`;
export const repWorkflowId = (repId: string): string => `rep:${repId}`;
export const periodCloseWorkflowId = (period: string): string => `period-close:${period}`;
export const PERIOD_SCHEDULER_WORKFLOW_ID = 'period-scheduler';
/** The one aging sweeper (docs/rules.md "Aging alerts"), started by the API and by the first commit that needs it. */
export const AGING_SWEEP_WORKFLOW_ID = 'aging-sweep';

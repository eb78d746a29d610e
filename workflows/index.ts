export { dealWorkflow } from './deal.workflow';
export { repWorkflow } from './rep.workflow';
export { periodCloseWorkflow, periodSchedulerWorkflow } from './period-close.workflow';

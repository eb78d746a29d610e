import * as workflows from '../../workflows';

/** The API starts workflows by function reference, so importing them outside the worker's sandbox must be harmless. */
it('exports every workflow the API and the worker start, by function', () => {
  expect(Object.keys(workflows).sort()).toEqual([
    'agingAlertWorkflow',
    'agingSweepWorkflow',
    'dealWorkflow',
    'disputeWorkflow',
    'periodCloseWorkflow',
    'periodSchedulerWorkflow',
    'planAckReminderWorkflow',
    'repWorkflow',
    'webhookDeliveryWorkflow',
  ]);
  for (const fn of Object.values(workflows)) expect(typeof fn).toBe('function');
});

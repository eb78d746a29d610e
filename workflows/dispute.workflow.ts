import { allHandlersFinished, condition, proxyActivities, setHandler, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import type { DisputeActivities } from '../activities/dispute.activities';
import { checkDisputeResolution, checkResolutionShape, disputeSlaMs } from '../libs/domain';
import { DisputeRecord, disputeOpenedUpdate, disputeStateQuery, DisputeWorkflowInput, ResolveDisputeCommand, resolveDisputeUpdate } from '../libs/contracts';
import { ENTITY_ACTIVITY_OPTIONS } from './entity-workflow';
import { refuseIf, withActivityRefusals } from './refusals';

const activities = proxyActivities<DisputeActivities>(ENTITY_ACTIVITY_OPTIONS);

/**
 * One dispute (docs/rules.md "Disputes"), `dispute-<id>`: it writes its row, waits for a resolution with a durable
 * timer of the plan's `disputeSlaDays`, and marks itself overdue when the timer fires first. It ends once resolved.
 * Opening, the overdue mark and the resolution are serialized by `busy`, so the projection is written in one order.
 */
export async function disputeWorkflow(input: DisputeWorkflowInput): Promise<DisputeRecord> {
  const { dispute } = input;
  let record: DisputeRecord | undefined;
  let busy = false;

  setHandler(disputeStateQuery, () => record ?? null);
  setHandler(disputeOpenedUpdate, async () => {
    await condition(() => record !== undefined);
    return record!;
  });

  const resolutionChecks = (cmd: ResolveDisputeCommand) => {
    refuseIf(checkResolutionShape(cmd.resolution));
    refuseIf(checkDisputeResolution({ ...dispute, status: record?.status ?? 'OPEN' }, cmd.actor.id));
  };

  setHandler(
    resolveDisputeUpdate,
    async (cmd: ResolveDisputeCommand): Promise<DisputeRecord> => {
      await condition(() => record !== undefined && !busy);
      // A second resolution that waited behind the first is refused here, as the validator would refuse it now.
      refuseIf(checkDisputeResolution({ ...dispute, status: record!.status }, cmd.actor.id));
      busy = true;
      try {
        const { resolution, actor } = cmd;
        let adjustmentId: string | undefined;
        if (resolution.outcome === 'UPHELD') {
          const proposed = await withActivityRefusals(() =>
            activities.proposeDisputeAdjustment({
              adjustmentId: `adj-${dispute.id}`,
              disputeId: dispute.id,
              repId: dispute.repId,
              period: resolution.adjustment!.period,
              amount: resolution.adjustment!.amount,
              ...(dispute.dealId ? { dealId: dispute.dealId } : {}),
              reason: resolution.note?.trim() ? resolution.note : `dispute ${dispute.id} upheld (${dispute.reason})`,
              actor,
              updateId: `dispute-resolution:${dispute.id}:${uuid4()}`,
            }),
          );
          adjustmentId = proposed.id;
        }
        record = await withActivityRefusals(() =>
          activities.recordDisputeResolution({ disputeId: dispute.id, outcome: resolution.outcome, note: resolution.note, resolvedBy: actor.id, adjustmentId }),
        );
        return record;
      } finally {
        busy = false;
      }
    },
    { validator: resolutionChecks },
  );

  busy = true;
  record = await activities.openDispute(dispute, workflowInfo().startTime.getTime());
  busy = false;

  // The durable SLA timer; a workflow resolved before it fires ends with it pending, and it never fires.
  let slaPassed = false;
  void sleep(disputeSlaMs(dispute.slaDays)).then(() => (slaPassed = true));
  await condition(() => record!.status !== 'OPEN' || (slaPassed && !busy));
  if (record.status === 'OPEN') {
    busy = true;
    record = await activities.markDisputeOverdue(dispute.id);
    busy = false;
    await condition(() => record!.status !== 'OPEN' && !busy);
  }
  await condition(allHandlersFinished);
  return record!;
}

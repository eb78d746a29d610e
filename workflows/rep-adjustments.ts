import { proxyActivities } from '@temporalio/workflow';
import type { RepActivities } from '../activities/rep.activities';
import { checkAdjustmentDecision, checkAdjustmentProposal, PendingAdjustment, Period } from '../libs/domain';
import {
  AdjustmentDecisionCommand,
  AdjustmentRecord,
  approveAdjustmentUpdate,
  ProposeAdjustmentCommand,
  proposeAdjustmentUpdate,
  rejectAdjustmentUpdate,
  RepState,
} from '../libs/contracts';
import { ENTITY_ACTIVITY_OPTIONS, EntityWorkflow } from './entity-workflow';
import { refuseIf, withActivityRefusals } from './refusals';

const activities = proxyActivities<RepActivities>(ENTITY_ACTIVITY_OPTIONS);

/**
 * Adjustments (docs/rules.md "Corrections") are commands to the rep's workflow. The ledger proposes and decides them
 * under the period lock, so a proposal is either decided before its period starts closing or expires with the rep's
 * statement, whoever writes it (the ledger's set-based close, or this workflow for a departed rep).
 */
export function handleAdjustments(
  entity: EntityWorkflow,
  state: () => RepState,
  update: (pending: PendingAdjustment[]) => void,
  openFrom: (cmd: ProposeAdjustmentCommand) => Period,
): void {
  const pending = () => state().adjustments ?? [];

  const proposalChecks = (cmd: ProposeAdjustmentCommand) => {
    const rep = state();
    if (cmd.adjustment.repId !== rep.profile.id) refuseIf({ code: 'VALIDATION_FAILED', message: `adjustment for ${cmd.adjustment.repId} sent to ${rep.profile.id}` });
    refuseIf(checkAdjustmentProposal(cmd.adjustment, { hireDate: rep.profile.hireDate, nextPeriod: openFrom(cmd), departed: rep.departure !== undefined }));
  };

  entity.command(proposeAdjustmentUpdate, proposalChecks, async (cmd): Promise<AdjustmentRecord> => {
    const proposal: PendingAdjustment = { ...cmd.adjustment, proposedBy: cmd.actor.id };
    const record = await withActivityRefusals(() => activities.proposeAdjustment(proposal));
    if (record.status === 'PENDING' && !pending().some((a) => a.id === record.id)) update([...pending(), proposal]);
    return record;
  });

  const decisionChecks = (cmd: AdjustmentDecisionCommand) =>
    refuseIf(checkAdjustmentDecision(pending().find((a) => a.id === cmd.adjustmentId), cmd.adjustmentId, cmd.actor.id));

  const decide = (status: 'APPROVED' | 'REJECTED') => async (cmd: AdjustmentDecisionCommand): Promise<AdjustmentRecord> => {
    const record = await withActivityRefusals(() =>
      activities.decideAdjustment({ adjustmentId: cmd.adjustmentId, status, decidedBy: cmd.actor.id, reason: cmd.reason }),
    );
    update(pending().filter((a) => a.id !== cmd.adjustmentId));
    return record;
  };

  entity.command(approveAdjustmentUpdate, decisionChecks, decide('APPROVED'));
  entity.command(rejectAdjustmentUpdate, decisionChecks, decide('REJECTED'));
}

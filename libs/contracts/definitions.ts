import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Deal, Statement } from '../domain';
import type {
  AdjustmentDecisionCommand,
  AdjustmentRecord,
  ClosePeriodCommand,
  CreateCommand,
  CloseDealCommand,
  DecisionCommand,
  DecisionResult,
  DepartureCommand,
  DescopeCommand,
  KillCommand,
  ProposeAdjustmentCommand,
  ReassignCommand,
  UnreassignCommand,
  WithdrawDepartureCommand,
  RepPlanMoveCommand,
  RepState,
  RevenueCommand,
  SlipCommand,
  SubmissionResult,
  SubmitArtifactCommand,
  SubmitBonusEventCommand,
} from './messages';

/** Sent with the start (executeUpdateWithStart, conflict policy USE_EXISTING): returns the deal as committed. */
export const createDealUpdate = defineUpdate<DealSnapshot, [CreateCommand]>('createDeal');
export const submitArtifactUpdate = defineUpdate<SubmissionResult, [SubmitArtifactCommand]>('submitArtifact');
export const submitBonusEventUpdate = defineUpdate<SubmissionResult, [SubmitBonusEventCommand]>('submitBonusEvent');
export const approveUpdate = defineUpdate<DecisionResult, [DecisionCommand]>('approve');
export const rejectUpdate = defineUpdate<DecisionResult, [DecisionCommand]>('reject');
export const descopeUpdate = defineUpdate<Deal, [DescopeCommand]>('descope');
export const killUpdate = defineUpdate<Deal, [KillCommand]>('kill');
export const slipUpdate = defineUpdate<Deal, [SlipCommand]>('slip');
export const recordRevenueUpdate = defineUpdate<Deal, [RevenueCommand]>('recordRevenue');
export const closeDealUpdate = defineUpdate<Deal, [CloseDealCommand]>('closeDeal');
export const reassignSignal = defineSignal<[ReassignCommand]>('reassign');
/** A withdrawn departure (docs/rules.md): the rep holds their splits again. */
export const unreassignSignal = defineSignal<[UnreassignCommand]>('unreassign');
export const dealStateQuery = defineQuery<Deal>('dealState');
/** The deal as of its last commit, with that commit's version: the read model's `deals.version` names the same state. */
export interface DealSnapshot {
  version: number;
  deal: Deal;
}
export const dealSnapshotQuery = defineQuery<DealSnapshot>('dealSnapshot');

/** Sent with the start: returns the rep once the workflow has written its own projection row. */
export const createRepUpdate = defineUpdate<RepState, [CreateCommand]>('createRep');
export const departureUpdate = defineUpdate<RepState, [DepartureCommand]>('departure');
export const withdrawDepartureUpdate = defineUpdate<RepState, [WithdrawDepartureCommand]>('withdrawDeparture');
export const moveRepPlanUpdate = defineUpdate<RepState, [RepPlanMoveCommand]>('movePlan');
export const closeRepPeriodUpdate = defineUpdate<Statement | null, [ClosePeriodCommand]>('closePeriod');
export const repStateQuery = defineQuery<RepState>('repState');

/** Adjustments live in the rep's workflow, which closes the rep's periods: a proposal expires under the same lock. */
export const proposeAdjustmentUpdate = defineUpdate<AdjustmentRecord, [ProposeAdjustmentCommand]>('proposeAdjustment');
export const approveAdjustmentUpdate = defineUpdate<AdjustmentRecord, [AdjustmentDecisionCommand]>('approveAdjustment');
export const rejectAdjustmentUpdate = defineUpdate<AdjustmentRecord, [AdjustmentDecisionCommand]>('rejectAdjustment');

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Deal, Statement } from '../domain';
import type {
  ClosePeriodCommand,
  CloseDealCommand,
  DecisionCommand,
  DecisionResult,
  DepartureCommand,
  DescopeCommand,
  KillCommand,
  ReassignCommand,
  RepState,
  RevenueCommand,
  SlipCommand,
  SubmissionResult,
  SubmitArtifactCommand,
  SubmitBonusEventCommand,
} from './messages';

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
export const dealStateQuery = defineQuery<Deal>('dealState');

export const departureUpdate = defineUpdate<RepState, [DepartureCommand]>('departure');
export const closeRepPeriodUpdate = defineUpdate<Statement | null, [ClosePeriodCommand]>('closePeriod');
export const repStateQuery = defineQuery<RepState>('repState');

import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Actor, closedThrough, departureUpdate, moveRepPlanUpdate, withdrawDepartureUpdate } from '../../../libs/contracts';
import { departureCoverage } from '../../../libs/domain';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { refuse } from '../http/problem';
import { PlanAckRemindersService } from '../plan-documents/plan-ack-reminders.service';
import { PlansService } from '../plans/plans.service';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { departureSchema, repPlanMoveSchema } from './rep.schemas';
import { RepView } from './rep-view';
import { RepsService } from './reps.service';

/**
 * Commands to a rep. The rep workflow owns the rep's state rules (departed, plan move order) and the ledger write
 * owns "period closed"; here: request shape, business time and that what the request names exists.
 */
@Injectable()
export class RepCommandsService {
  constructor(
    private readonly reps: RepsService,
    private readonly repRows: RepsRepository,
    private readonly deals: DealProjectionRepository,
    private readonly plans: PlansService,
    private readonly temporal: TemporalGateway,
    private readonly reminders: PlanAckRemindersService,
  ) {}

  async depart(repId: string, input: z.infer<typeof departureSchema>, actor: Actor, updateId?: string) {
    // docs/rules.md: a departure may be recorded ahead of its date (scheduled), under the wall clock too.
    const row = await this.reps.existing(repId);
    const repIdsOf = await this.deals.repIdsOf(input.reassignments.map((r) => r.dealId));
    for (const r of input.reassignments) {
      const onDeal = repIdsOf.get(r.dealId);
      if (!onDeal) throw refuse('UNKNOWN_DEAL', `no deal ${r.dealId}`);
      if (!onDeal.includes(repId)) throw refuse('VALIDATION_FAILED', `${repId} is not on deal ${r.dealId}; nothing to reassign`);
      if (r.newOwner === repId) throw refuse('VALIDATION_FAILED', `deal ${r.dealId} cannot be reassigned to the departing rep`);
    }
    const owners = await this.repRows.statuses(input.reassignments.map((r) => r.newOwner));
    const missing = input.reassignments.filter((r) => !owners.has(r.newOwner));
    if (missing.length) throw refuse('UNKNOWN_REP', `no rep ${missing.map((m) => m.newOwner).join(', ')}`);
    // Gates retiring after the departure credit the new owner, so it must be someone still employed.
    const gone = [...owners].filter(([, status]) => status !== 'ACTIVE').map(([id]) => id);
    if (gone.length) throw refuse('REP_DEPARTED', `${gone.join(', ')} has departed; reassign to an active rep`);
    // docs/rules.md "Departure replaces the rep": the deals the rep owns must be named; on the others they are on, their
    // shares pass to the owner. A rep already departed is the workflow's to refuse (REP_DEPARTED).
    const onDeals = row.status === 'ACTIVE' ? await this.deals.dealsOfRep(repId) : [];
    const { missing: unnamed, handovers } = departureCoverage(repId, onDeals, input.reassignments.map((r) => r.dealId));
    if (unnamed.length) {
      throw refuse(
        'REASSIGNMENT_REQUIRED',
        `${repId} owns ${unnamed.join(', ')}: name a new owner for each in reassignments`,
        unnamed.map((dealId) => ({ path: 'reassignments', message: `deal ${dealId} must be named` })),
      );
    }
    const state = await this.temporal.repCommand(repId, departureUpdate, { ...input, handovers, actor, ...closedThrough(row) }, updateId);
    return { repId, status: state.status, departure: state.departure };
  }

  /** docs/rules.md: withdraws a departure while the rules allow it (the workflow and the ledger decide: DEPARTURE_IN_EFFECT). */
  async withdrawDeparture(repId: string, actor: Actor, updateId?: string) {
    const row = await this.reps.existing(repId);
    // A FINISHED rep's workflow has ended: its departure took effect long ago.
    if (row.status === 'FINISHED') throw refuse('DEPARTURE_IN_EFFECT', `${repId}'s departure has taken effect and their statements are final`);
    const state = await this.temporal.repCommand(repId, withdrawDepartureUpdate, { actor, ...closedThrough(row) }, updateId);
    return { repId, status: state.status, departure: state.departure ?? null };
  }

  /** Moves an active rep to a newer published version from a 1 January; the workflow checks the rest. */
  async movePlan(repId: string, input: z.infer<typeof repPlanMoveSchema>, actor: Actor, updateId?: string): Promise<RepView> {
    const row = await this.reps.existing(repId);
    const plan = await this.plans.published(input.planId);
    const hirePlan = await this.plans.get(row.planId);
    await this.temporal.repCommand(
      repId,
      moveRepPlanUpdate,
      { planId: plan.id, planEffectiveFrom: plan.effectiveFrom, plan: plan.params, effectiveFrom: input.effectiveFrom, hirePlanEffectiveFrom: hirePlan.effectiveFrom, actor, ...closedThrough(row) },
      updateId,
    );
    await this.reminders.ensure(repId, plan.id);
    return this.reps.view(await this.reps.committed(repId));
  }
}

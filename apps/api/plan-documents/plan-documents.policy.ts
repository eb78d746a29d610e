import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { RepRow } from '../../../libs/persistence/reps.repository';
import { Role } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepsPolicy } from '../reps/reps.policy';

/** Who may call each plan document route (docs/api.md "Reps and departures"). */
export const PLAN_DOCUMENT_ROLES = {
  /** The rep, their manager, comp_admin and hr (not finance). */
  read: ['rep', 'manager', 'comp_admin', 'hr'],
  /** The rep alone. */
  acknowledge: ['rep'],
} as const satisfies Record<string, readonly Role[]>;

/** docs/rules.md "Access scope": a rep outside the caller's scope does not exist for them (404); only the rep acknowledges. */
@Injectable()
export class PlanDocumentsPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  readable(repId: string, actor: Actor): Promise<RepRow> {
    return this.reps.visibleRep(repId, actor);
  }

  async acknowledgeable(repId: string, actor: Actor): Promise<RepRow> {
    if (actor.id !== repId) throw refuse('FORBIDDEN', `only ${repId} may acknowledge their plan`);
    return this.reps.visibleRep(repId, actor);
  }
}

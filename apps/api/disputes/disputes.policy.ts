import { Injectable } from '@nestjs/common';
import { Actor, DisputeRecord } from '../../../libs/contracts';
import { RepRow } from '../../../libs/persistence/reps.repository';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepsPolicy } from '../reps/reps.policy';

/** Who may call each dispute route (docs/api.md "Disputes"). */
export const DISPUTE_ROLES = {
  /** The rep on their own statement, or their manager. */
  open: ['rep', 'manager'],
  /** A comp admin who is not the disputant (that is the dispute workflow's rule: SEGREGATION_OF_DUTIES). */
  resolve: ['comp_admin'],
  /** Comp admins see every dispute; a manager their team's, a rep their own. */
  read: ['comp_admin', 'manager', 'rep'],
} as const satisfies Record<string, readonly Role[]>;

/** docs/rules.md "Access scope" applied to disputes. */
@Injectable()
export class DisputesPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  /** A rep disputes only their own statement, a manager only their team's: anyone else is refused (403). */
  refuseUnlessMayOpen(repId: string, row: RepRow | undefined, actor: Actor): void {
    const ownStatement = hasRole(actor, 'rep') && actor.id === repId;
    const team = hasRole(actor, 'manager') && row?.managerId === actor.id;
    if (!ownStatement && !team) throw refuse('FORBIDDEN', `${actor.id} may not dispute ${repId}'s statement: a rep disputes their own, a manager their team's`);
  }

  /** Undefined when the actor sees every dispute; otherwise the reps whose disputes they see. */
  async readScope(actor: Actor): Promise<string[] | undefined> {
    if (hasRole(actor, 'comp_admin')) return undefined;
    const team = await this.reps.teamOf(actor);
    return hasRole(actor, 'rep') ? [...team, actor.id] : team;
  }

  /** Outside the caller's scope a dispute does not exist for them (404). */
  async visible(record: DisputeRecord | undefined, disputeId: string, actor: Actor): Promise<DisputeRecord> {
    const scope = record ? await this.readScope(actor) : [];
    if (!record || (scope !== undefined && !scope.includes(record.repId))) throw refuse('NOT_FOUND', `no dispute ${disputeId}`);
    return record;
  }
}

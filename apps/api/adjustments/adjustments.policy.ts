import { Injectable } from '@nestjs/common';
import { Actor, AdjustmentRecord } from '../../../libs/contracts';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepsPolicy } from '../reps/reps.policy';

/** Who may call each adjustment route (docs/api.md "Corrections"). */
export const ADJUSTMENT_ROLES = {
  propose: ['comp_admin'],
  /** A second person; that it is neither the proposer nor the rep is the rep workflow's rule (SEGREGATION_OF_DUTIES). */
  decide: ['comp_admin', 'finance'],
  /** Adjustments are statement items: read by those who read statements. */
  read: ['comp_admin', 'finance', 'manager', 'rep'],
} as const satisfies Record<string, readonly Role[]>;

const BOOK_WIDE: Role[] = ['comp_admin', 'finance'];

/** docs/rules.md "Access scope": comp admins and finance see every adjustment, a manager their team's, a rep their own. */
@Injectable()
export class AdjustmentsPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  /** Undefined when the actor sees every rep's adjustments; otherwise the reps whose adjustments they see. */
  async readScope(actor: Actor): Promise<string[] | undefined> {
    if (hasRole(actor, ...BOOK_WIDE)) return undefined;
    const team = await this.reps.teamOf(actor);
    return hasRole(actor, 'rep') ? [...team, actor.id] : team;
  }

  /** Outside the caller's scope an adjustment does not exist for them (404). */
  async visible(record: AdjustmentRecord | undefined, adjustmentId: string, actor: Actor): Promise<AdjustmentRecord> {
    const scope = record ? await this.readScope(actor) : [];
    if (!record || (scope !== undefined && !scope.includes(record.repId))) throw refuse('NOT_FOUND', `no adjustment ${adjustmentId}`);
    return record;
  }
}

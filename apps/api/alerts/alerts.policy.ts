import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { AlertFilter } from '../../../libs/persistence/alerts.repository';
import { hasRole, Role } from '../auth/roles';
import { RepsPolicy } from '../reps/reps.policy';

/** Who may read alerts (docs/api.md "Aging alerts"). */
export const ALERT_ROLES = {
  read: ['comp_admin', 'deal_desk', 'manager', 'rep'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * docs/rules.md "Aging alerts" and "Access scope": comp admins see every alert; the deal desk the approval alerts;
 * a manager the gate alerts of deals their team owns; a rep those of deals they own (not once they have left).
 * A person with several roles sees the union.
 */
@Injectable()
export class AlertsPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  async scope(actor: Actor): Promise<AlertFilter['scope']> {
    if (hasRole(actor, 'comp_admin')) return 'all';
    const gateOwners = await this.reps.teamOf(actor);
    if (hasRole(actor, 'rep') && !(await this.reps.callerHasLeft(actor))) gateOwners.push(actor.id);
    return { approvals: hasRole(actor, 'deal_desk'), gateOwners };
  }
}

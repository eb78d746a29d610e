import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { RepRow } from '../../../libs/persistence/reps.repository';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepsPolicy } from '../reps/reps.policy';

/** Managers and comp admins read forecasts; a rep's portfolio follows who may see the rep. */
export const FORECAST_ROLES = {
  read: ['manager', 'comp_admin'],
} as const satisfies Record<string, readonly Role[]>;

@Injectable()
export class ForecastPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  /** A manager sees only their own team; a comp admin any. */
  refuseUnlessOwnTeam(managerId: string, actor: Actor): void {
    if (!hasRole(actor, 'comp_admin') && actor.id !== managerId) throw refuse('FORBIDDEN', 'a manager sees only their own team');
  }

  visibleRep(repId: string, actor: Actor): Promise<RepRow> {
    return this.reps.visibleRep(repId, actor);
  }
}

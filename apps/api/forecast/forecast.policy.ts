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

/** What a forecast covers: the whole book, or a manager's team (deals whose owner or a split recipient is on it). */
export type ForecastScope = { book: true } | { book: false; managerId: string; team: string[] };

@Injectable()
export class ForecastPolicy {
  constructor(private readonly reps: RepsPolicy) {}

  /** docs/rules.md "Access scope": a comp admin forecasts the whole book, a manager their team's deals. */
  async scope(actor: Actor): Promise<ForecastScope> {
    if (hasRole(actor, 'comp_admin')) return { book: true };
    return { book: false, managerId: actor.id, team: await this.reps.teamOf(actor) };
  }

  /** `?owner=` names a rep: to a manager, one off their team does not exist (404). */
  refuseUnlessOwnerInScope(owner: string | undefined, scope: ForecastScope): void {
    if (owner !== undefined && !scope.book && !scope.team.includes(owner)) throw refuse('NOT_FOUND', `no rep ${owner} on your team`);
  }

  /** A manager sees only their own team; a comp admin any. */
  refuseUnlessOwnTeam(managerId: string, actor: Actor): void {
    if (!hasRole(actor, 'comp_admin') && actor.id !== managerId) throw refuse('FORBIDDEN', 'a manager sees only their own team');
  }

  visibleRep(repId: string, actor: Actor): Promise<RepRow> {
    return this.reps.visibleRep(repId, actor);
  }
}

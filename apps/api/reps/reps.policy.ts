import { Injectable } from '@nestjs/common';
import { IsoDate } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { RepRow, RepsRepository } from '../../../libs/persistence/reps.repository';
import { hasRole, Role } from '../auth/roles';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';

/** Who may call each rep route (docs/api.md); reading a rep is open to any authenticated user, within `visibleRep`. */
export const REP_ROLES = {
  /** The directory (docs/api.md): staff see every rep, a manager their team. */
  list: ['comp_admin', 'hr', 'finance', 'manager'],
  create: ['comp_admin', 'hr'],
  depart: ['hr'],
  withdrawDeparture: ['hr'],
  movePlan: ['comp_admin'],
  /** Statements are read by the rep, their manager, comp_admin and finance (not HR). */
  readStatements: ['rep', 'manager', 'comp_admin', 'finance'],
} as const satisfies Record<string, readonly Role[]>;

/** Roles that see every rep; statements narrow it to comp admins and finance. */
export const REP_STAFF: Role[] = ['comp_admin', 'finance', 'hr'];
export const STATEMENT_STAFF: Role[] = ['comp_admin', 'finance'];

/** What is read of a rep: their statements, or anything else (profile, attainment, portfolio). */
export type RepReadPurpose = 'profile' | 'statements';

/**
 * Access to reps (docs/rules.md "Access scope"): the rep themself, their manager (a rep is on a manager's team when
 * their `managerId` is the manager) and the staff roles see a rep; to anyone else it does not exist. From the day
 * their departure takes effect a rep reads only their own statements. This is also where the API learns who is on
 * a manager's team and whether a caller is a departing rep, for the other features' policies.
 */
@Injectable()
export class RepsPolicy {
  constructor(
    private readonly reps: RepsRepository,
    private readonly clock: BusinessClock,
  ) {}

  /** Undefined when the actor sees every rep; otherwise the manager whose team is all they see. */
  directoryScope(actor: Actor): string | undefined {
    return hasRole(actor, ...REP_STAFF) ? undefined : actor.id;
  }

  async visibleRep(repId: string, actor: Actor, purpose: RepReadPurpose = 'profile'): Promise<RepRow> {
    const row = await this.reps.find(repId);
    if (!row || !this.sees(row, actor, purpose)) throw refuse('NOT_FOUND', `no rep ${repId}`);
    return row;
  }

  sees(row: RepRow, actor: Actor, purpose: RepReadPurpose = 'profile'): boolean {
    if (hasRole(actor, ...(purpose === 'statements' ? STATEMENT_STAFF : REP_STAFF))) return true;
    if (row.managerId === actor.id && hasRole(actor, 'manager')) return true;
    return actor.id === row.id && hasRole(actor, 'rep') && (purpose === 'statements' || !this.hasLeft(row));
  }

  /** The reps a manager acts on; none for a caller without the manager role. */
  async teamOf(actor: Actor): Promise<string[]> {
    return hasRole(actor, 'manager') ? this.reps.teamOf(actor.id) : [];
  }

  /** The recorded departure of a caller who is a rep (whatever its date), or null. */
  async departureOf(actor: Actor): Promise<{ effectiveDate: IsoDate } | null> {
    if (!hasRole(actor, 'rep')) return null;
    return (await this.reps.find(actor.id))?.departure ?? null;
  }

  /** A departing rep's submissions dated on or after their departure are refused, on any deal (docs/rules.md "After the departure"). */
  async refuseIfDepartedOn(actor: Actor, effectiveDate: IsoDate): Promise<void> {
    const departure = await this.departureOf(actor);
    if (departure && effectiveDate >= departure.effectiveDate) {
      throw refuse('REP_DEPARTED', `${actor.id} departs on ${departure.effectiveDate}: nothing dated on or after it may be submitted by them (${effectiveDate})`);
    }
  }

  /** Whether a caller is a rep whose departure has taken effect (on or before today): they read only their own statements. */
  async callerHasLeft(actor: Actor): Promise<boolean> {
    const departure = await this.departureOf(actor);
    return departure !== null && departure.effectiveDate <= this.clock.today();
  }

  private hasLeft(row: RepRow): boolean {
    return row.departure !== null && row.departure.effectiveDate <= this.clock.today();
  }
}

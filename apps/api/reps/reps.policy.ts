import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { RepRow, RepsRepository } from '../../../libs/persistence/reps.repository';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';

/** Who may call each rep route (API.md); reading a rep is open to any authenticated user, within `visibleRep`. */
export const REP_ROLES = {
  create: ['comp_admin', 'hr'],
  depart: ['hr'],
  movePlan: ['comp_admin'],
  /** Statements are read by the rep, their manager, comp_admin and finance (not HR). */
  readStatements: ['rep', 'manager', 'comp_admin', 'finance'],
} as const satisfies Record<string, readonly Role[]>;

/** Roles that see every rep; statements narrow it to comp admins and finance. */
export const REP_STAFF: Role[] = ['comp_admin', 'finance', 'hr'];
export const STATEMENT_STAFF: Role[] = ['comp_admin', 'finance'];

/** Access to reps: the rep themself, their manager and the staff roles see a rep; to anyone else it does not exist. */
@Injectable()
export class RepsPolicy {
  constructor(private readonly reps: RepsRepository) {}

  async visibleRep(repId: string, actor: Actor, staff: Role[] = REP_STAFF): Promise<RepRow> {
    const row = await this.reps.find(repId);
    if (!row || !this.sees(row, actor, staff)) throw refuse('NOT_FOUND', `no rep ${repId}`);
    return row;
  }

  sees(row: RepRow, actor: Actor, staff: Role[] = REP_STAFF): boolean {
    return hasRole(actor, ...staff) || (actor.id === row.id && hasRole(actor, 'rep')) || (row.managerId === actor.id && hasRole(actor, 'manager'));
  }
}

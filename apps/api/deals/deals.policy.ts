import { Injectable } from '@nestjs/common';
import { holdersOn, IsoDate } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { DealProjectionRepository, DealProjectionRow, DealScope } from '../../../libs/persistence/deal-projection.repository';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepsPolicy } from '../reps/reps.policy';

/** Who may call each deal route (docs/api.md); any authenticated user may list and read, within `visibleDeal`. */
export const DEAL_ROLES = {
  create: ['comp_admin', 'manager'],
  history: ['manager', 'comp_admin', 'deal_desk', 'finance'],
  submitEvidence: ['rep', 'manager', 'comp_admin'],
  /** An evidence file: those who read the deal for their work, and a rep only the files they uploaded (readEvidence). */
  readEvidence: ['deal_desk', 'finance', 'comp_admin', 'manager', 'rep'],
  change: ['comp_admin', 'manager'],
  finance: ['finance'],
} as const satisfies Record<string, readonly Role[]>;

/** Roles that act on every deal, for whatever they may do. A manager acts on their team's deals; a rep on the deals they are on. */
const BOOK_WIDE: Role[] = ['comp_admin', 'deal_desk', 'finance', 'hr'];

/** Whether the deal is within the scope: every deal (undefined), one the scope's rep is on, or one whose owner or a split recipient is on its team. */
export function inScope(row: Pick<DealProjectionRow, 'repIds' | 'owner' | 'recipients'>, scope: DealScope | undefined): boolean {
  if (scope === undefined) return true;
  if (scope.repId !== undefined && row.repIds.includes(scope.repId)) return true;
  const team = scope.team ?? [];
  return team.includes(row.owner) || row.recipients.some((r) => team.includes(r));
}

/** Whether the rep owned the deal or held a split on it on `date`, by its dated replacements. */
function wasOnDealOn(row: DealProjectionRow, repId: string, date: IsoDate): boolean {
  if (!row.state?.attribution) return false;
  const holders = holdersOn(row.state.attribution, date);
  return holders.owner === repId || holders.splits.some((s) => s.repId === repId);
}

/**
 * Access to deals, one place for row-level rules (docs/rules.md "Access scope"). Reading: the book-wide roles see every
 * deal, anyone else the deals they are on (not once their departure has taken effect) and, as a manager, their team's;
 * outside that a deal does not exist (404). A command reaches what the roles granting it reach (comp_admin every deal,
 * manager the team's, rep the deals they are on): a deal the caller sees but may not command is 403.
 */
@Injectable()
export class DealsPolicy {
  constructor(
    private readonly deals: DealProjectionRepository,
    private readonly reps: RepsPolicy,
  ) {}

  /** The deals a caller may read; undefined when every deal. */
  async readScope(actor: Actor): Promise<DealScope | undefined> {
    if (hasRole(actor, ...BOOK_WIDE)) return undefined;
    const [team, left] = await Promise.all([this.reps.teamOf(actor), this.reps.callerHasLeft(actor)]);
    return { repId: left ? undefined : actor.id, team };
  }

  /** The deals a command granted to `granting` reaches for this caller; undefined when every deal. */
  async commandScope(actor: Actor, granting: readonly Role[]): Promise<DealScope | undefined> {
    const held = granting.filter((r) => hasRole(actor, r));
    if (held.some((r) => BOOK_WIDE.includes(r))) return undefined;
    return { repId: held.includes('rep') ? actor.id : undefined, team: held.includes('manager') ? await this.reps.teamOf(actor) : [] };
  }

  /** The deal's row; to someone who may not see it, it does not exist. */
  async visibleDeal(dealId: string, actor: Actor): Promise<DealProjectionRow> {
    const row = await this.deals.find(dealId);
    if (!row || !inScope(row, await this.readScope(actor))) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    return row;
  }

  /** A command on a deal: 404 outside what the caller may read, 403 for a deal they see but the command's roles do not reach. */
  async refuseUnlessMayCommand(dealId: string, actor: Actor, granting: readonly Role[]): Promise<DealProjectionRow> {
    const row = await this.visibleDeal(dealId, actor);
    if (!inScope(row, await this.commandScope(actor, granting))) throw refuse('FORBIDDEN', `deal ${dealId} is not on your team: a manager acts only on their team's deals`);
    return row;
  }

  /**
   * Evidence (an artifact or a bonus event) dated `effectiveDate`. A departing rep's submission dated on or after their
   * departure is 409 REP_DEPARTED on any deal (asked before the deal, so the answer says nothing about it); one dated
   * before it is theirs on a deal they are on, even once they have left.
   */
  async refuseUnlessMaySubmitEvidence(dealId: string, actor: Actor, effectiveDate: IsoDate): Promise<DealProjectionRow> {
    await this.reps.refuseIfDepartedOn(actor, effectiveDate);
    return this.refuseUnlessOnEvidenceScope(dealId, actor, effectiveDate);
  }

  /** An evidence file carries no business date: whoever may submit evidence on the deal today may upload it. */
  async refuseUnlessMayUploadEvidence(dealId: string, actor: Actor): Promise<DealProjectionRow> {
    return this.refuseUnlessOnEvidenceScope(dealId, actor);
  }

  private async refuseUnlessOnEvidenceScope(dealId: string, actor: Actor, effectiveDate?: IsoDate): Promise<DealProjectionRow> {
    const row = await this.deals.find(dealId);
    // docs/rules.md: a rep's evidence is theirs on the deals they were on at its date, even once replaced there.
    if (row && effectiveDate && hasRole(actor, 'rep') && wasOnDealOn(row, actor.id, effectiveDate)) return row;
    const scope = await this.commandScope(actor, DEAL_ROLES.submitEvidence);
    if (row && inScope(row, scope)) return row;
    if (!row || !inScope(row, await this.readScope(actor))) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    throw refuse('FORBIDDEN', `only a rep on deal ${dealId}, their manager or a comp admin may submit evidence for it`);
  }

  /**
   * An evidence file of a deal the caller sees (visibleDeal first): the deal desk, finance, comp admins and managers
   * open every file; a rep only the files they uploaded.
   */
  refuseUnlessMayReadEvidence(uploadedBy: string, actor: Actor): void {
    if (uploadedBy === actor.id || hasRole(actor, ...DEAL_ROLES.readEvidence.filter((r) => r !== 'rep'))) return;
    throw refuse('FORBIDDEN', 'a rep opens only the evidence files they uploaded');
  }

  /** POST /deals: a manager creates deals only for an owner on their team (403 otherwise, whether that rep exists or not). */
  async refuseUnlessMayCreateFor(owner: string, actor: Actor): Promise<void> {
    const scope = await this.commandScope(actor, DEAL_ROLES.create);
    if (scope !== undefined && !(scope.team ?? []).includes(owner)) {
      throw refuse('FORBIDDEN', `${owner} is not on your team: a manager creates deals only for an owner on their team`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { DealProjectionRepository, DealProjectionRow } from '../../../libs/persistence/deal-projection.repository';
import { hasRole, Role } from '../auth/roles';
import { refuse } from '../http/problem';

/** Who may call each deal route (API.md); any authenticated user may list and read, within `visibleDeal`. */
export const DEAL_ROLES = {
  create: ['comp_admin', 'manager'],
  history: ['manager', 'comp_admin', 'deal_desk', 'finance'],
  submitEvidence: ['rep', 'manager', 'comp_admin'],
  change: ['comp_admin', 'manager'],
  finance: ['finance'],
} as const satisfies Record<string, readonly Role[]>;

/** Roles that see every deal; anyone else (a rep) sees only the deals they are on. */
const SEES_EVERY_DEAL: Role[] = ['comp_admin', 'manager', 'deal_desk', 'finance', 'hr'];
/** Roles that may submit evidence on any deal; a rep only on deals they are on. */
const SUBMITS_ON_ANY_DEAL: Role[] = ['comp_admin', 'manager'];

/** Access to deals: one place for row-level rules. */
@Injectable()
export class DealsPolicy {
  constructor(private readonly deals: DealProjectionRepository) {}

  /** Undefined when the actor sees every deal; otherwise the rep whose deals they may see. */
  onlyDealsOf(actor: Actor): string | undefined {
    return hasRole(actor, ...SEES_EVERY_DEAL) ? undefined : actor.id;
  }

  /** The deal's row; to someone who may not see it, it does not exist. */
  async visibleDeal(dealId: string, actor: Actor): Promise<DealProjectionRow> {
    const row = await this.deals.find(dealId);
    if (!row) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    const onlyOf = this.onlyDealsOf(actor);
    if (onlyOf !== undefined && !row.repIds.includes(onlyOf)) throw refuse('NOT_FOUND', `no deal ${dealId}`);
    return row;
  }

  async refuseUnlessMaySubmitEvidence(dealId: string, actor: Actor): Promise<DealProjectionRow> {
    const row = await this.visibleDeal(dealId, actor);
    if (!hasRole(actor, ...SUBMITS_ON_ANY_DEAL) && !row.repIds.includes(actor.id)) {
      throw refuse('FORBIDDEN', `only a rep on deal ${dealId}, a manager or a comp admin may submit evidence for it`);
    }
    return row;
  }
}

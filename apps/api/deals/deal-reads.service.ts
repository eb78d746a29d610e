import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Actor, dealWorkflowId } from '../../../libs/contracts';
import { DealProjectionRepository, DealProjectionRow, DealSummary } from '../../../libs/persistence/deal-projection.repository';
import { DisputesRepository } from '../../../libs/persistence/disputes.repository';
import { disputeHistoryEntries } from '../disputes/dispute-history';
import { BusinessClock } from '../clock/business-clock';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { dealListQuery } from './deal.schemas';
import { dealTimeline, fetchRunChain, HistoryEntry, rawHistories } from './deal-history';
import { DealView, dealView } from './deal-view';
import { DEAL_ROLES, DealsPolicy } from './deals.policy';

/** Reads of deals: lists and single deals from the projection; the workflow itself only for diagnostics and history. */
@Injectable()
export class DealReadsService {
  constructor(
    private readonly deals: DealProjectionRepository,
    private readonly policy: DealsPolicy,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
    private readonly disputes: DisputesRepository,
  ) {}

  /** The deal as of its last commit; `fromWorkflow` asks the workflow instead (diagnostics). */
  async get(dealId: string, actor: Actor, fromWorkflow = false): Promise<DealView> {
    const row = await this.policy.visibleDeal(dealId, actor);
    return fromWorkflow ? dealView(await this.temporal.dealState(dealId), this.clock.today()) : this.view(row);
  }

  /** Rows committed before the projection kept the state have none until their next commit: the workflow answers for them. */
  async view(row: DealProjectionRow): Promise<DealView> {
    return dealView(row.state ?? (await this.temporal.dealState(row.id)), this.clock.today());
  }

  async list(query: z.infer<typeof dealListQuery>, actor: Actor): Promise<DealSummary[]> {
    return this.deals.list({ ...query, scope: await this.policy.readScope(actor) });
  }

  async history(dealId: string, format: string | undefined, actor: Actor): Promise<HistoryEntry[] | ReturnType<typeof rawHistories>> {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.history);
    const chain = await fetchRunChain(this.temporal.client, dealWorkflowId(dealId));
    if (format === 'temporal') return rawHistories(chain);
    // docs/rules.md "Disputes": a dispute on the deal and its outcome are part of the deal's history, in time order.
    const timeline = dealTimeline(chain);
    const disputes = (await this.disputes.list({ dealId, limit: 1000, offset: 0 })).flatMap(disputeHistoryEntries);
    if (disputes.length === 0) return timeline;
    return [...timeline, ...disputes].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}

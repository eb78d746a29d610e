import { Injectable } from '@nestjs/common';
import { Dec, IsoDate, Money } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { BusinessClock } from '../clock/business-clock';
import { ForecastPolicy } from './forecast.policy';

/** A rep's deals by phase: credit retired and still to retire, and when the next gate is expected. */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly forecasts: ForecastRepository,
    private readonly policy: ForecastPolicy,
    private readonly clock: BusinessClock,
  ) {}

  async portfolio(repId: string, asOfParam: IsoDate | undefined, actor: Actor) {
    await this.policy.visibleRep(repId, actor);
    const asOf = asOfParam ?? this.clock.today();
    const rows = await this.forecasts.portfolioDeals(repId);
    const next = await this.forecasts.nextGateDates(repId, asOf);
    const deals = rows.map((r) => {
      const retired = r.gates.filter((g) => g.status === 'RETIRED');
      const open = r.status === 'ACTIVE' ? r.gates.filter((g) => g.status === 'OPEN' || g.status === 'PENDING') : [];
      const phase = r.status !== 'ACTIVE' ? r.status : retired.length ? retired[retired.length - 1].name : 'SOURCED';
      const remaining = open.reduce((acc, g) => acc.plus(new Dec(g.weight).times(r.tcv)), new Dec(0));
      const upcoming = next.get(r.id);
      return {
        dealId: r.id,
        sponsor: r.sponsor,
        program: r.program,
        dealType: r.dealType,
        status: r.status,
        phase,
        owner: r.owner,
        sourcedBy: r.sourcedBy,
        tcv: r.tcv,
        creditRetired: Money.format(r.creditRetired),
        creditRemaining: Money.format(remaining),
        repCreditRetired: Money.format(r.repCredit),
        ...(upcoming ? { nextGate: upcoming.gate, nextGateExpectedDate: upcoming.expectedDate, pending: open.some((g) => g.status === 'PENDING') } : {}),
        commissionRate: r.commissionRate,
      };
    });
    const phases = [...new Set(deals.map((d) => d.phase))].map((phase) => {
      const inPhase = deals.filter((d) => d.phase === phase);
      return {
        phase,
        deals: inPhase.length,
        creditRetired: Money.format(Money.sum(inPhase.map((d) => d.creditRetired))),
        creditRemaining: Money.format(Money.sum(inPhase.map((d) => d.creditRemaining))),
      };
    });
    return { repId, asOf, phases, deals };
  }
}

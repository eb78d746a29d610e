import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { comparePeriods, Dec, Money, periodFromIndex, periodIndex, periodOf, PlanParams, yearOf } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { CurrentActor, hasRole, Roles } from '../http/auth';
import { refuse } from '../http/problem';
import { parseQuery } from '../http/validation';
import { id, isoDate, period } from '../schemas';
import { BusinessClock } from './clock.service';
import { RepsService } from './reps.service';

const forecastQuery = z
  .object({ from: period.optional(), to: period.optional(), owner: id.optional(), asOf: isoDate.optional() })
  .strict();
const accuracyQuery = z.object({ owner: id.optional() }).strict();
const teamQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional(), asOf: isoDate.optional() }).strict();
const portfolioQuery = z.object({ asOf: isoDate.optional() }).strict();

/** Managers run long-cycle books by phase: phase-weighted forecast, portfolio, team roll-up and forecast accuracy. */
@ApiTags('forecast')
@ApiBearerAuth()
@Controller()
export class ForecastController {
  private readonly forecasts: ForecastRepository;

  constructor(
    private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly reps: RepsService,
  ) {
    this.forecasts = new ForecastRepository(db);
  }

  @Get('forecast')
  @Roles('manager', 'comp_admin')
  @ApiQuery({ name: 'from', required: false, example: '2027-Q1' })
  @ApiQuery({ name: 'to', required: false, example: '2029-Q4' })
  @ApiQuery({ name: 'owner', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO date the forecast is made on; default today' })
  async forecast(@Query() raw: unknown) {
    const q = parseQuery(forecastQuery, raw);
    const asOf = q.asOf ?? this.clock.today();
    const from = q.from ?? periodOf(asOf);
    const to = q.to ?? periodFromIndex(periodIndex(from) + 7);
    if (comparePeriods(to, from) < 0) throw refuse('VALIDATION_FAILED', `to (${to}) is before from (${from})`, [{ path: 'to', message: 'must not be before from' }]);
    if (periodIndex(to) - periodIndex(from) > 40) throw refuse('VALIDATION_FAILED', 'at most 40 periods at a time', [{ path: 'to', message: 'range too long' }]);
    return { from, to, asOf, ...(q.owner ? { owner: q.owner } : {}), periods: await this.forecasts.forecast(from, to, asOf, q.owner) };
  }

  @Get('forecast/accuracy')
  @Roles('manager', 'comp_admin')
  @ApiQuery({ name: 'owner', required: false, description: 'a deal owner; default the whole book' })
  async accuracy(@Query() raw: unknown) {
    const q = parseQuery(accuracyQuery, raw);
    return this.forecasts.accuracy(q.owner ?? '*');
  }

  @Get('reps/:id/portfolio')
  @ApiQuery({ name: 'asOf', required: false })
  async portfolio(@Param('id') repId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(portfolioQuery, raw);
    await this.reps.visibleRep(id.parse(repId), actor);
    const asOf = q.asOf ?? this.clock.today();
    const rows = await this.db.query(
      `SELECT d.id, d.sponsor, d.program, d.deal_type, d.status, d.owner, d.sourced_by, d.tcv, d.credit_retired, d.gates, p.params,
              coalesce((SELECT sum(amount) FROM ledger_entries l WHERE l.deal_id = d.id AND l.rep_id = $1 AND l.kind = 'QUOTA_CREDIT'), 0) AS rep_credit
       FROM deals d JOIN plans p ON p.id = d.plan_id WHERE $1 = ANY(d.rep_ids) ORDER BY d.id`,
      [repId],
    );
    const next = await this.forecasts.nextGateDates(repId, asOf);
    const deals = rows.map((r: any) => {
      const gates = r.gates as Array<{ key: string; name: string; weight: string; status: string }>;
      const retired = gates.filter((g) => g.status === 'RETIRED');
      const open = r.status === 'ACTIVE' ? gates.filter((g) => g.status === 'OPEN' || g.status === 'PENDING') : [];
      const phase = r.status !== 'ACTIVE' ? r.status : retired.length ? retired[retired.length - 1].name : 'SOURCED';
      const remaining = open.reduce((acc, g) => acc.plus(new Dec(g.weight).times(r.tcv)), new Dec(0));
      const upcoming = next.get(r.id);
      return {
        dealId: r.id,
        sponsor: r.sponsor,
        program: r.program,
        dealType: r.deal_type,
        status: r.status,
        phase,
        owner: r.owner,
        sourcedBy: r.sourced_by,
        tcv: r.tcv,
        creditRetired: Money.format(r.credit_retired),
        creditRemaining: Money.format(remaining),
        repCreditRetired: Money.format(r.rep_credit),
        ...(upcoming ? { nextGate: upcoming.gate, nextGateExpectedDate: upcoming.expectedDate, pending: open.some((g) => g.status === 'PENDING') } : {}),
        commissionRate: (r.params as PlanParams).commissionRate,
      };
    });
    const phases = [...new Set(deals.map((d: any) => d.phase))].map((phase) => {
      const inPhase = deals.filter((d: any) => d.phase === phase);
      return { phase, deals: inPhase.length, creditRetired: Money.format(Money.sum(inPhase.map((d: any) => d.creditRetired))), creditRemaining: Money.format(Money.sum(inPhase.map((d: any) => d.creditRemaining))) };
    });
    return { repId, asOf, phases, deals };
  }

  @Get('managers/:id/team')
  @Roles('manager', 'comp_admin')
  @ApiQuery({ name: 'year', required: false })
  async team(@Param('id') managerId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(teamQuery, raw);
    if (!hasRole(actor, 'comp_admin') && actor.id !== managerId) throw refuse('FORBIDDEN', 'a manager sees only their own team');
    const asOf = q.asOf ?? this.clock.today();
    const year = q.year ?? yearOf(asOf);
    const reps: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM reps WHERE manager_id = $1 ORDER BY id`, [id.parse(managerId)]);
    const from = periodOf(asOf);
    const to = periodFromIndex(periodIndex(from) + 3);
    const team = [];
    const totals = { forecast: new Dec(0), bestCase: new Dec(0), worstCase: new Dec(0) };
    for (const rep of reps) {
      const attainment = await this.reps.attainment(rep.id, year, actor);
      const periods = await this.forecasts.forecast(from, to, asOf, rep.id);
      const sum = (pick: (p: (typeof periods)[number]) => string) => Money.sum(periods.map(pick));
      const forecast = { forecast: sum((p) => p.forecast.credit), bestCase: sum((p) => p.bestCase.credit), worstCase: sum((p) => p.worstCase.credit) };
      totals.forecast = totals.forecast.plus(forecast.forecast);
      totals.bestCase = totals.bestCase.plus(forecast.bestCase);
      totals.worstCase = totals.worstCase.plus(forecast.worstCase);
      team.push({
        repId: rep.id,
        name: rep.name,
        attainment,
        forecastNext4Quarters: { from, to, forecast: Money.format(forecast.forecast), bestCase: Money.format(forecast.bestCase), worstCase: Money.format(forecast.worstCase) },
      });
    }
    return {
      managerId,
      year,
      reps: team,
      totals: {
        quota: {
          newBusiness: Money.format(Money.sum(team.map((t) => t.attainment.quota.newBusiness))),
          expansion: Money.format(Money.sum(team.map((t) => t.attainment.quota.expansion))),
        },
        credit: {
          newBusiness: Money.format(Money.sum(team.map((t) => t.attainment.credit.newBusiness))),
          expansion: Money.format(Money.sum(team.map((t) => t.attainment.credit.expansion))),
        },
        forecastNext4Quarters: { from, to, forecast: Money.format(totals.forecast), bestCase: Money.format(totals.bestCase), worstCase: Money.format(totals.worstCase) },
      },
    };
  }
}

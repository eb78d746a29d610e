import { Injectable } from '@nestjs/common';
import { attainment, PlanParams, Statement } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { RepRow, RepsRepository, YearCredit } from '../../../libs/persistence/reps.repository';
import { refuse } from '../http/problem';
import { PlansService } from '../plans/plans.service';
import { StatementStatusService, StatementWithStatus } from '../statement-status/statement-status.service';
import { IdentifiedStatement, withLineIds } from '../../../libs/persistence/statement-line-ids';
import { planIdOn } from './rep-view';
import { RepsPolicy } from './reps.policy';

const NO_CREDIT: YearCredit = { newBusiness: '0', expansion: '0' };

/** What a rep was paid (statements of closed periods) and how far they are to quota (attainment). */
@Injectable()
export class RepStatementsService {
  constructor(
    private readonly reps: RepsRepository,
    private readonly policy: RepsPolicy,
    private readonly plans: PlansService,
    private readonly status: StatementStatusService,
  ) {}

  async statements(repId: string, actor: Actor): Promise<Array<IdentifiedStatement<StatementWithStatus>>> {
    await this.policy.visibleRep(repId, actor, 'statements');
    return (await this.status.withStatuses(await this.reps.closedStatements(repId))).map(withLineIds);
  }

  async statement(repId: string, period: string, actor: Actor): Promise<IdentifiedStatement<StatementWithStatus>> {
    return withLineIds(await this.status.withStatus(await this.closedStatement(repId, period, actor)));
  }

  /** The stored body of a closed period's statement, as the rep's policy lets the caller see it (404 otherwise). */
  async closedStatement(repId: string, period: string, actor: Actor): Promise<Statement> {
    await this.policy.visibleRep(repId, actor, 'statements');
    const statement = await this.reps.closedStatement(repId, period);
    if (!statement) throw refuse('NOT_FOUND', `no statement for ${repId} in ${period}: the period is not closed, or the rep was not paid in it`);
    return statement;
  }

  async attainment(repId: string, year: number, actor: Actor) {
    const row = await this.policy.visibleRep(repId, actor);
    const credit = await this.reps.yearCredit([repId], year);
    return this.attainmentOf(row, year, credit.get(repId) ?? NO_CREDIT);
  }

  /** Attainment of several reps, with their credit read in one query (the team view). */
  async attainments(rows: RepRow[], year: number) {
    const credit = await this.reps.yearCredit(rows.map((r) => r.id), year);
    return Promise.all(rows.map((row) => this.attainmentOf(row, year, credit.get(row.id) ?? NO_CREDIT)));
  }

  private async attainmentOf(row: RepRow, year: number, credit: YearCredit) {
    const plan = await this.plans.get(planIdOn(row, `${year}-01-01`));
    return attainment(plan.params as PlanParams, row.hireDate, year, credit);
  }
}

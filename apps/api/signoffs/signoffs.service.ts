import { Injectable } from '@nestjs/common';
import { decideSignoff, Period } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { StatementSignoffsRepository } from '../../../libs/persistence/statement-signoffs.repository';
import { hasRole } from '../auth/roles';
import { refuse } from '../http/problem';
import { RepStatementsService } from '../reps/rep-statements.service';
import { RepsPolicy } from '../reps/reps.policy';
import { StatementStatusService, StatementWithStatus } from '../statement-status/statement-status.service';

/** docs/rules.md "Statement sign-off": the rep's manager, then finance, sign the hash of a closed period's statement. */
@Injectable()
export class SignoffsService {
  constructor(
    private readonly reps: RepsPolicy,
    private readonly statements: RepStatementsService,
    private readonly periods: PeriodsRepository,
    private readonly signoffs: StatementSignoffsRepository,
    private readonly status: StatementStatusService,
  ) {}

  async sign(repId: string, period: Period, hash: string, actor: Actor): Promise<StatementWithStatus> {
    const rep = await this.reps.visibleRep(repId, actor, 'statements');
    const closed = await this.periods.find(period);
    if (closed?.status !== 'CLOSED') throw refuse('PERIOD_NOT_CLOSED', `${period} is ${closed?.status ?? 'OPEN'}: only a closed period's statement is signed`);
    const statement = await this.status.withStatus(await this.statements.closedStatement(repId, period, actor));
    if (actor.id === repId) throw refuse('SEGREGATION_OF_DUTIES', `${actor.id} may not sign their own statement`);
    if (hash.toLowerCase() !== statement.hash) {
      throw refuse('STATEMENT_HASH_MISMATCH', `the statement of ${repId} for ${period} has hash ${statement.hash}, not ${hash}: read it again before signing`);
    }
    const decision = decideSignoff({
      repId,
      managerId: rep.managerId,
      actorId: actor.id,
      actorIsManager: rep.managerId === actor.id && hasRole(actor, 'manager'),
      actorIsFinance: hasRole(actor, 'finance'),
      signoffs: statement.signoffs,
    });
    if ('refusal' in decision) throw refuse(decision.refusal.code, decision.refusal.message);
    if ('already' in decision) return statement;
    const recorded = await this.signoffs.record(repId, period, decision.record, actor.id, statement.hash);
    // Two signers racing for one role: the first row stands and the other is told so.
    if (recorded.by !== actor.id) throw refuse('SIGNOFF_ALREADY_RECORDED', `${recorded.by} already signed this statement as ${recorded.role}`);
    return this.status.withStatus(statement);
  }
}

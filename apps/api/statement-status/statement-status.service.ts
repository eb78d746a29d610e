import { Injectable } from '@nestjs/common';
import { Signoff, Statement, statementStatus, StatementStatus } from '../../../libs/domain';
import { statementStateKey, StatementSignoffsRepository, StatementState } from '../../../libs/persistence/statement-signoffs.repository';
import { PayrollHolds } from './payroll-holds';
import { statementHash } from './statement-hash';

/** A statement as the API answers it: its immutable body, and beside it its hash, status, sign-offs and hold. */
export type StatementWithStatus = Statement & { hash: string; status: StatementStatus; signoffs: Signoff[]; onHold: { reason: string } | null };

/** docs/rules.md "Statement sign-off": what every route that answers a statement adds to it. */
@Injectable()
export class StatementStatusService {
  constructor(
    private readonly signoffs: StatementSignoffsRepository,
    private readonly holds: PayrollHolds,
  ) {}

  async withStatus(statement: Statement): Promise<StatementWithStatus> {
    return (await this.withStatuses([statement]))[0];
  }

  /** Several statements, their state read in one go (a period's statements, a rep's history). */
  async withStatuses(statements: Statement[]): Promise<StatementWithStatus[]> {
    const states = await this.signoffs.states(statements.map((s) => ({ repId: s.repId, period: s.period })));
    const held = new Map<string, string>();
    // A hold matters until a batch carries the statement: ask the sources about the unbatched ones, per period.
    const unbatched = statements.filter((s) => states.get(statementStateKey(s.repId, s.period))!.batchId === null);
    for (const period of new Set(unbatched.map((s) => s.period))) {
      const holds = await this.holds.payrollHolds(period, unbatched.filter((s) => s.period === period).map((s) => s.repId));
      for (const [repId, reason] of holds) held.set(statementStateKey(repId, period), reason);
    }
    return statements.map((s) => {
      const key = statementStateKey(s.repId, s.period);
      return decorate(s, states.get(key)!, held.get(key));
    });
  }
}

function decorate(s: Statement, state: StatementState, hold: string | undefined): StatementWithStatus {
  const signoffs = state.signoffs.map(({ by, role, at }) => ({ by, role, at }));
  return { ...s, hash: statementHash(s), status: statementStatus(signoffs, state.paid), signoffs, onHold: hold === undefined ? null : { reason: hold } };
}

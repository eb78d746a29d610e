import { CompRepository, StatementRecord } from '../libs/persistence/comp.repository';
import { Period, Statement } from '../libs/domain';

export interface RepActivityDeps {
  comp: CompRepository;
}

export function createRepActivities({ comp }: RepActivityDeps) {
  return {
    /** Everything the ledger holds that a rep's statement for the period is computed from. */
    async loadRepPeriodFacts(repId: string, period: Period) {
      return comp.repPeriodFacts(repId, period);
    },
    async saveStatement(repId: string, record: StatementRecord): Promise<Statement> {
      return comp.saveStatement(repId, record);
    },
    async loadStatement(repId: string, period: Period): Promise<Statement | null> {
      return (await comp.statement(repId, period)) ?? null;
    },
    async recordPlanMoves(repId: string, moves: unknown[]): Promise<void> {
      await comp.recordPlanMoves(repId, moves);
    },
    async recordDeparture(repId: string, departure: unknown): Promise<void> {
      await comp.recordDeparture(repId, departure);
    },
  };
}

export type RepActivities = ReturnType<typeof createRepActivities>;

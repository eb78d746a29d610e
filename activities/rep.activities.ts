import { statementOrDataError } from '../libs/contracts';
import type { AdjustmentDecisionRecord, AdjustmentRecord, DepartureRecord, RecordedPlanMove, RepProfile, StatementRecord } from '../libs/contracts';
import { CompRepository, RepPeriodFacts } from '../libs/persistence/comp.repository';
import { AdjustmentsRepository } from '../libs/persistence/adjustments.repository';
import { closeRepPeriod, IsoDate, PendingAdjustment, Period, RepPeriodInput, Statement } from '../libs/domain';
import { refusalsAreFinal } from './failures';

export interface RepActivityDeps {
  comp: CompRepository;
  adjustments: AdjustmentsRepository;
}

/** What the rep workflow holds for a period's close: everything the statement needs but the ledger's facts. */
export type RepCloseInput = Omit<RepPeriodInput, keyof RepPeriodFacts> & { status: StatementRecord['status'] };

export function createRepActivities({ comp, adjustments }: RepActivityDeps) {
  return {
    /** The rep's read-model row, written by the rep workflow as it starts; PERIOD_CLOSED when the hire date's period is closed. */
    async createRepRecord(profile: RepProfile, requestHash?: string): Promise<void> {
      await refusalsAreFinal(() => comp.createRep(profile, requestHash));
    },
    /** Everything the ledger holds that a rep's statement for the period is computed from. */
    async loadRepPeriodFacts(repId: string, period: Period) {
      return refusalsAreFinal(() => comp.repPeriodFacts(repId, period));
    },
    /** A data error (a figure the ledger cannot hold, say) is final: the period close reports the rep instead of retrying for ever. */
    async saveStatement(repId: string, record: StatementRecord): Promise<Statement> {
      return refusalsAreFinal(() => comp.saveStatement(repId, record));
    },
    /**
     * The period's statement, read, computed and written in one go (loadRepPeriodFacts, closeRepPeriod and
     * saveStatement in the worker). A statement that cannot be computed or written fails for good with INVALID_DATA.
     */
    async closeRepPeriodInActivity(input: RepCloseInput): Promise<{ statement: Statement; final: boolean }> {
      const { status, ...held } = input;
      // Closed already: by the ledger's set-based close (this workflow is catching up) or by an earlier attempt.
      const stored = await refusalsAreFinal(() => comp.storedClose(input.repId, input.period));
      if (stored) return stored;
      const facts = await refusalsAreFinal(() => comp.repPeriodFacts(input.repId, input.period));
      const outcome = statementOrDataError(() => closeRepPeriod({ ...held, ...facts }));
      const record: StatementRecord = { statement: outcome.statement, final: outcome.final, status: outcome.final ? 'FINISHED' : status };
      return { statement: await refusalsAreFinal(() => comp.saveStatement(input.repId, record)), final: outcome.final };
    },
    async loadStatement(repId: string, period: Period): Promise<Statement | null> {
      return (await comp.statement(repId, period)) ?? null;
    },
    /** `effectiveFrom` is the new move's date (absent on activities scheduled before the ledger owned "period closed"). */
    async recordPlanMoves(repId: string, moves: RecordedPlanMove[], effectiveFrom?: IsoDate): Promise<void> {
      await refusalsAreFinal(() => comp.recordPlanMoves(repId, moves, effectiveFrom));
    },
    /** PERIOD_CLOSED when the adjustment's period is closed or closing. */
    async proposeAdjustment(proposal: PendingAdjustment): Promise<AdjustmentRecord> {
      return refusalsAreFinal(() => adjustments.propose(proposal));
    },
    /** Approving posts the adjustment to the ledger; ADJUSTMENT_NOT_PENDING once its period is closing. */
    async decideAdjustment(decision: AdjustmentDecisionRecord): Promise<AdjustmentRecord> {
      return refusalsAreFinal(() => adjustments.decide(decision));
    },
    async recordDeparture(repId: string, departure: DepartureRecord): Promise<void> {
      await refusalsAreFinal(() => comp.recordDeparture(repId, departure));
    },
    /** DEPARTURE_IN_EFFECT once its period is closed or evidence dated on or after it was recorded on its deals. */
    async withdrawDeparture(repId: string, departure: Omit<DepartureRecord, 'recordedBy'>): Promise<void> {
      await refusalsAreFinal(() => comp.withdrawDeparture(repId, departure));
    },
  };
}

export type RepActivities = ReturnType<typeof createRepActivities>;

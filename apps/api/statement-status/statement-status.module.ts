import { Module } from '@nestjs/common';
import { PAYROLL_HOLD_SOURCES, PayrollHoldSource, PayrollHolds } from './payroll-holds';
import { StatementStatusService } from './statement-status.service';

/**
 * A statement's hash, status, sign-offs and hold, for every route that answers statements (reps, periods, sign-off,
 * payroll). PAYROLL_HOLD_SOURCES lists the hold sources payroll asks (docs/rules.md "Payroll batches"); a source is
 * one more entry, e.g. `(period, repIds) => acknowledgements.holds(period, repIds)` with its repository in `inject`.
 */
@Module({
  providers: [{ provide: PAYROLL_HOLD_SOURCES, useFactory: (): PayrollHoldSource[] => [] }, PayrollHolds, StatementStatusService],
  exports: [PayrollHolds, StatementStatusService],
})
export class StatementStatusModule {}

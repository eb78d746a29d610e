import { Module } from '@nestjs/common';
import { PlanAcknowledgementsRepository } from '../../../libs/persistence/plan-acknowledgements.repository';
import { PAYROLL_HOLD_SOURCES, PayrollHoldSource, PayrollHolds } from './payroll-holds';
import { StatementStatusService } from './statement-status.service';

/**
 * A statement's hash, status, sign-offs and hold, for every route that answers statements (reps, periods, sign-off,
 * payroll). PAYROLL_HOLD_SOURCES lists the hold sources payroll asks (docs/rules.md "Payroll batches"): today the plan
 * acknowledgement (a rep on a plan that requires it, who has not acknowledged the version in force).
 */
@Module({
  providers: [
    {
      provide: PAYROLL_HOLD_SOURCES,
      useFactory: (acknowledgements: PlanAcknowledgementsRepository): PayrollHoldSource[] => [(period, repIds) => acknowledgements.holds(period, repIds)],
      inject: [PlanAcknowledgementsRepository],
    },
    PayrollHolds,
    StatementStatusService,
  ],
  exports: [PayrollHolds, StatementStatusService],
})
export class StatementStatusModule {}

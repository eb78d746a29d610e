import { Inject, Injectable } from '@nestjs/common';
import { mergeHolds, Period } from '../../../libs/domain';

/** One reason a statement may be held out of payroll: the reps of `repIds` it holds in `period`, with why. */
export type PayrollHoldSource = (period: Period, repIds: string[]) => Promise<Map<string, string>>;

/**
 * The hold sources, provided in StatementStatusModule. None is wired yet; the plan-acknowledgement hold
 * (docs/rules.md "Not yet implemented") is added there as one more entry of this list.
 */
export const PAYROLL_HOLD_SOURCES = Symbol('PAYROLL_HOLD_SOURCES');

/** docs/rules.md "Payroll batches": every hold source, asked once per batch (or read), merged by rep. */
@Injectable()
export class PayrollHolds {
  constructor(@Inject(PAYROLL_HOLD_SOURCES) private readonly sources: PayrollHoldSource[]) {}

  /** The reps of `repIds` held out of `period`'s payroll, with the reason (several sources' reasons joined by "; "). */
  async payrollHolds(period: Period, repIds: string[]): Promise<Map<string, string>> {
    if (repIds.length === 0 || this.sources.length === 0) return new Map();
    return mergeHolds(await Promise.all(this.sources.map((source) => source(period, repIds))));
  }
}

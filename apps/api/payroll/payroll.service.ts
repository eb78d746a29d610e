import { Injectable } from '@nestjs/common';
import { payrollCsv, payrollLines, Period } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { PayrollBatchRecord, PayrollRepository } from '../../../libs/persistence/payroll.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { refuse } from '../http/problem';
import { PayrollHolds } from '../statement-status/payroll-holds';

/** docs/rules.md "Payroll batches": finance hands APPROVED statements to payroll, exports the batch and marks it paid. */
@Injectable()
export class PayrollService {
  constructor(
    private readonly payroll: PayrollRepository,
    private readonly periods: PeriodsRepository,
    private readonly holds: PayrollHolds,
  ) {}

  /** Every APPROVED statement of the closed period not yet in a batch and not on hold; the held ones listed with why. */
  async create(period: Period, actor: Actor): Promise<PayrollBatchRecord> {
    const row = await this.periods.find(period);
    if (row?.status !== 'CLOSED') throw refuse('PERIOD_NOT_CLOSED', `${period} is ${row?.status ?? 'OPEN'}: payroll takes the statements of a closed period`);
    const batch = await this.payroll.create(period, actor.id, async (candidates) => {
      const held = await this.holds.payrollHolds(period, candidates.map((c) => c.statement.repId));
      const paid = candidates.filter((c) => !held.has(c.statement.repId));
      return {
        statements: paid.map((c) => ({ repId: c.statement.repId, hash: c.hash, totalPayout: c.statement.totalPayout })),
        lines: paid.flatMap((c) => payrollLines(c.statement)),
        held: [...held].map(([repId, reason]) => ({ repId, reason })),
      };
    });
    return batch;
  }

  list(period?: Period): Promise<PayrollBatchRecord[]> {
    return this.payroll.list(period);
  }

  async get(id: string): Promise<PayrollBatchRecord> {
    const batch = await this.payroll.find(id);
    if (!batch) throw refuse('NOT_FOUND', `no payroll batch ${id}`);
    return batch;
  }

  /** The export in the documented column layout (docs/api.md "Payroll batches"). */
  async csv(id: string): Promise<{ batch: PayrollBatchRecord; csv: string }> {
    const batch = await this.get(id);
    return { batch, csv: payrollCsv(batch, await this.payroll.repNames([...new Set(batch.lines.map((l) => l.repId))])) };
  }

  /** PAID with the payroll system's reference, and its statements with it; once (the same reference again answers it). */
  async markPaid(id: string, reference: string, actor: Actor): Promise<PayrollBatchRecord> {
    await this.get(id);
    return this.payroll.markPaid(id, reference, actor.id);
  }
}

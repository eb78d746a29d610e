import { Injectable } from '@nestjs/common';
import { commissionAssetTotals, commissionJournal, CommissionAssetRow, journalTotals, Period } from '../../../libs/domain';
import { CommissionAssetRepository } from '../../../libs/persistence/commission-asset.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { refuse } from '../http/problem';

/** Reads of the deferred commission the period close wrote (docs/rules.md "Commission expense (ASC 340-40)"). */
@Injectable()
export class AccountingService {
  constructor(
    private readonly assets: CommissionAssetRepository,
    private readonly periods: PeriodsRepository,
  ) {}

  async commissionAsset(period: Period) {
    const deals = await this.closedPeriodRows(period);
    return { period, deals, totals: commissionAssetTotals(deals) };
  }

  async journal(period: Period) {
    const entries = commissionJournal(period, await this.closedPeriodRows(period));
    return { period, entries, totals: journalTotals(entries) };
  }

  /** 409 PERIOD_NOT_CLOSED until the period's close has finished: its figures are final only then. */
  private async closedPeriodRows(period: Period): Promise<CommissionAssetRow[]> {
    const row = await this.periods.find(period);
    if (row?.status !== 'CLOSED') {
      throw refuse('PERIOD_NOT_CLOSED', `${period} is ${row ? 'still closing' : 'open'}; its commission asset is computed when it closes`);
    }
    const rows = await this.assets.report(period);
    // Closed before this was computed (an upgrade): the next period's close computes it first.
    if (!rows) throw refuse('PERIOD_NOT_CLOSED', `${period} was closed before commission expense was computed; it is computed when the next period closes`);
    return rows;
  }
}

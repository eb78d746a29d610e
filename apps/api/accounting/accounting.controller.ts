import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { journalCsv } from '../../../libs/domain';
import { Roles } from '../auth/roles';
import { parseQuery } from '../http/validation';
import { ACCOUNTING_ROLES } from './accounting.policy';
import { accountingPeriodQuery } from './accounting.schemas';
import { AccountingService } from './accounting.service';

/** Finance's view of commission expense under ASC 340-40: the roll-forward and the journal of a closed period. */
@ApiTags('accounting')
@ApiBearerAuth()
@Controller('accounting')
export class AccountingController {
  constructor(private readonly accounting: AccountingService) {}

  @Get('commission-asset')
  @Roles(...ACCOUNTING_ROLES.read)
  @ApiQuery({ name: 'period', required: true, example: '2027-Q3', description: 'a closed period' })
  commissionAsset(@Query() raw: unknown) {
    return this.accounting.commissionAsset(parseQuery(accountingPeriodQuery, raw).period);
  }

  @Get('journal')
  @Roles(...ACCOUNTING_ROLES.read)
  @ApiQuery({ name: 'period', required: true, example: '2027-Q3', description: 'a closed period' })
  @ApiProduces('application/json', 'text/csv')
  async journal(@Query() raw: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { period } = parseQuery(accountingPeriodQuery, raw);
    const journal = await this.accounting.journal(period);
    if (!wantsCsv(accept)) return journal;
    // One row per journal line under the header period,account,debit,credit,dealId,memo; a spreadsheet opens it as is.
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="commission-journal-${period}.csv"`);
    return journalCsv(period, journal.entries);
  }
}

/** CSV when the caller asks for text/csv ahead of (or without) JSON. */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.findIndex((t) => t === 'application/json' || t === 'application/*');
  return csv >= 0 && (json < 0 || csv < json);
}


import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { journalCsv } from '../../../libs/domain';
import { ApiDocumented } from '../http/openapi';
import { parseQuery } from '../http/validation';
import { ACCOUNTING_ROLES } from './accounting.policy';
import { commissionAssetResponse, commissionJournalCsv, commissionJournalResponse } from './accounting.responses';
import { accountingPeriodQuery } from './accounting.schemas';
import { AccountingService } from './accounting.service';

/** Finance's view of commission expense under ASC 340-40: the roll-forward and the journal of a closed period. */
@ApiTags('accounting')
@Controller('accounting')
export class AccountingController {
  constructor(private readonly accounting: AccountingService) {}

  @Get('commission-asset')
  @ApiDocumented({
    roles: ACCOUNTING_ROLES.read,
    response: commissionAssetResponse,
    errors: [400, 409],
    query: accountingPeriodQuery,
    description: 'The deferred commission of a closed period per deal and in total (409 PERIOD_NOT_CLOSED before).',
  })
  commissionAsset(@Query() raw: unknown) {
    return this.accounting.commissionAsset(parseQuery(accountingPeriodQuery, raw).period);
  }

  @Get('journal')
  @ApiDocumented({
    roles: ACCOUNTING_ROLES.read,
    response: commissionJournalResponse,
    alsoAs: { 'text/csv': commissionJournalCsv },
    errors: [400, 409],
    query: accountingPeriodQuery,
    description: 'The journal of a closed period’s deferred commission; CSV with Accept: text/csv.',
  })
  async journal(@Query() raw: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { period } = parseQuery(accountingPeriodQuery, raw);
    const journal = await this.accounting.journal(period);
    if (!wantsCsv(accept)) return journal;
    // One row per journal line under the header period,account,debit,credit,dealId,memo; a spreadsheet opens it as is.
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="commission-journal-${period}.csv"`);
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


import { Controller, Get, Headers, HttpCode, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { PAYROLL_ROLES } from './payroll.policy';
import { payrollBatchCsv, payrollBatchListResponse, payrollBatchResponse } from './payroll.responses';
import { batchListQuery, createBatchSchema, markPaidSchema } from './payroll.schemas';
import { PayrollService } from './payroll.service';
import { Command } from '../http/command';

@ApiTags('payroll')
@ApiBearerAuth()
@Controller('payroll/batches')
export class PayrollController {
  constructor(private readonly payroll: PayrollService) {}

  @Command()
  @HttpCode(201)
  @ApiDocumented({
    roles: PAYROLL_ROLES.create,
    response: payrollBatchResponse,
    status: 201,
    errors: [409],
    description:
      'Batches every APPROVED statement of the closed period that no batch carries yet and no hold applies to (held ones are listed with the reason): ' +
      'one line per rep and earning code with a non-zero amount. 409 PERIOD_NOT_CLOSED, NOTHING_TO_BATCH.',
  })
  @DocumentBody(createBatchSchema)
  create(@ValidBody(createBatchSchema) body: z.infer<typeof createBatchSchema>, @CurrentActor() actor: Actor) {
    return this.payroll.create(body.period, actor);
  }

  @Get()
  @ApiDocumented({ roles: PAYROLL_ROLES.read, response: payrollBatchListResponse, errors: [400], query: batchListQuery, description: 'Payroll batches, by period and then in the order they were created.' })
  list(@Query() raw: unknown) {
    return this.payroll.list(parseQuery(batchListQuery, raw).period);
  }

  @Get(':batchId')
  @ApiDocumented({
    roles: PAYROLL_ROLES.read,
    response: payrollBatchResponse,
    alsoAs: { 'text/csv': payrollBatchCsv },
    errors: [400, 404],
    params: { batchId: id },
    description: 'One batch; with Accept: text/csv the export, one row per line: batch_id,period,rep_id,rep_name,earning_code,amount,key.',
  })
  async get(@Param('batchId') batchId: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (!wantsCsv(accept)) return this.payroll.get(id.parse(batchId));
    const { batch, csv } = await this.payroll.csv(id.parse(batchId));
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="payroll-${batch.id}.csv"`);
    return csv;
  }

  @Command(':batchId/paid')
  @HttpCode(200)
  @ApiDocumented({
    roles: PAYROLL_ROLES.pay,
    response: payrollBatchResponse,
    errors: [404, 409],
    params: { batchId: id },
    description: 'Marks the batch PAID, and its statements with it, with the payroll system’s reference; the same reference again answers the batch, another is 409 PAYROLL_BATCH_PAID.',
  })
  @DocumentBody(markPaidSchema)
  paid(@Param('batchId') batchId: string, @ValidBody(markPaidSchema) body: z.infer<typeof markPaidSchema>, @CurrentActor() actor: Actor) {
    return this.payroll.markPaid(id.parse(batchId), body.reference, actor);
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

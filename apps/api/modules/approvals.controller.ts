import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { readModelRevision, RevisionCache } from '../../../libs/persistence/read-model-revision';
import { z } from 'zod';
import { Actor, approveUpdate, dealWorkflowId, rejectUpdate } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor, Roles } from '../http/auth';
import { refuse } from '../http/problem';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { approveSchema, id, rejectSchema } from '../schemas';
import { PeriodsRepository } from './periods.repository';
import { TemporalGateway } from './temporal.gateway';

const queueQuery = z
  .object({
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).default('PENDING'),
    dealId: id.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  /** The deal desk polls the queue: each page is kept until the read model changes. */
  private readonly queues = new RevisionCache<object[]>(100);

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly periods: PeriodsRepository,
  ) {}

  @Get()
  @Roles('deal_desk')
  @ApiQuery({ name: 'status', required: false, enum: ['PENDING', 'APPROVED', 'REJECTED'] })
  async queue(@Query() raw: unknown) {
    const q = parseQuery(queueQuery, raw);
    const revision = await readModelRevision(this.db);
    return this.queues.get(`${q.status}|${q.dealId ?? ''}|${q.limit}|${q.offset}`, revision, () => this.readQueue(q));
  }

  private async readQueue(q: z.infer<typeof queueQuery>) {
    const rows = await this.db.query(
      `SELECT approval_id, deal_id, kind, gate, bonus_type, quantity, recipients, document_type, document_ref, effective_date::text AS effective_date,
              submitted_by, submitted_at, status, amount_if_approved, decided_by, decided_at, decision_reason, result
       FROM approvals WHERE status = $1 AND ($2::text IS NULL OR deal_id = $2) ORDER BY submitted_at, approval_id LIMIT $3 OFFSET $4`,
      [q.status, q.dealId ?? null, q.limit, q.offset],
    );
    return rows.map((r: any) => ({
      approvalId: r.approval_id,
      dealId: r.deal_id,
      kind: r.kind,
      ...(r.gate ? { gate: r.gate } : {}),
      ...(r.bonus_type ? { type: r.bonus_type, quantity: r.quantity } : {}),
      ...(r.recipients ? { recipients: r.recipients } : {}),
      documentType: r.document_type,
      documentRef: r.document_ref,
      effectiveDate: r.effective_date,
      submittedBy: r.submitted_by,
      submittedAt: new Date(r.submitted_at).toISOString(),
      amountIfApproved: r.amount_if_approved,
      status: r.status,
      ...(r.decided_by ? { decidedBy: r.decided_by, decidedAt: new Date(r.decided_at).toISOString(), reason: r.decision_reason, result: r.result } : {}),
    }));
  }

  private async dealOf(approvalId: string): Promise<string> {
    const [row] = await this.db.query(
      `SELECT a.deal_id, d.status FROM approvals a JOIN deals d ON d.id = a.deal_id WHERE a.approval_id = $1`,
      [approvalId],
    );
    if (!row) throw refuse('NOT_FOUND', `no approval ${approvalId}`);
    // a closed deal's workflow has completed; closing decided everything that was pending on it
    if (row.status === 'CLOSED') throw refuse('APPROVAL_NOT_PENDING', `approval ${approvalId} is not pending: deal ${row.deal_id} is closed`);
    return row.deal_id;
  }

  @Post(':approvalId/approve')
  @HttpCode(200)
  @Roles('deal_desk')
  @DocumentBody(approveSchema)
  async approve(@Param('approvalId') approvalId: string, @ValidBody(approveSchema) body: z.infer<typeof approveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    const dealId = await this.dealOf(approvalId);
    const key = req.headers['idempotency-key'];
    return this.temporal.update(
      dealWorkflowId(dealId),
      approveUpdate,
      { approvalId, note: body.note, actor, openFrom: await this.periods.openFrom() },
      typeof key === 'string' ? `approve:${approvalId}:${actor.id}:${key}` : `approve:${approvalId}:${actor.id}`,
    );
  }

  @Post(':approvalId/reject')
  @HttpCode(200)
  @Roles('deal_desk')
  @DocumentBody(rejectSchema)
  async reject(@Param('approvalId') approvalId: string, @ValidBody(rejectSchema) body: z.infer<typeof rejectSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    const dealId = await this.dealOf(approvalId);
    const key = req.headers['idempotency-key'];
    return this.temporal.update(
      dealWorkflowId(dealId),
      rejectUpdate,
      { approvalId, reason: body.reason, actor },
      typeof key === 'string' ? `reject:${approvalId}:${actor.id}:${key}` : undefined,
    );
  }
}

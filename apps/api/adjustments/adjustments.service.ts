import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Actor, AdjustmentRecord, closedThrough, approveAdjustmentUpdate, proposeAdjustmentUpdate, rejectAdjustmentUpdate } from '../../../libs/contracts';
import { AdjustmentsRepository, adjustmentPostingKey } from '../../../libs/persistence/adjustments.repository';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { adjustmentListQuery, decideAdjustmentSchema, proposeAdjustmentSchema } from './adjustment.schemas';
import { AdjustmentsPolicy } from './adjustments.policy';

/** An adjustment as the API answers it: an approved one names its ledger posting (always in its own period). */
export type AdjustmentView = AdjustmentRecord & { posting?: { key: string; period: string; late: boolean } };

const view = (r: AdjustmentRecord): AdjustmentView =>
  r.status === 'APPROVED' ? { ...r, posting: { key: adjustmentPostingKey(r.id), period: r.period, late: false } } : r;

/**
 * Adjustments are commands to the rep's workflow (it owns pending proposals, segregation of duties and expiry at its
 * period close); here: request shape, that what the request names exists, and who sees what.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly adjustments: AdjustmentsRepository,
    private readonly reps: RepsRepository,
    private readonly deals: DealProjectionRepository,
    private readonly policy: AdjustmentsPolicy,
    private readonly temporal: TemporalGateway,
  ) {}

  async propose(body: z.infer<typeof proposeAdjustmentSchema>, actor: Actor, updateId?: string): Promise<AdjustmentView> {
    const rep = await this.reps.find(body.repId);
    if (!rep) throw refuse('UNKNOWN_REP', `no rep ${body.repId}`);
    if (body.dealId && !(await this.deals.repIdsOf([body.dealId])).has(body.dealId)) throw refuse('UNKNOWN_DEAL', `no deal ${body.dealId}`);
    // With an Idempotency-Key the id follows from it, so a request replayed by another API process names the same adjustment.
    const id = updateId ? `adj-${createHash('sha256').update(updateId).digest('hex').slice(0, 32)}` : `adj-${randomUUID()}`;
    const adjustment = { id, ...body };
    const record = await this.temporal.repCommand(body.repId, proposeAdjustmentUpdate, { adjustment, actor, ...closedThrough(rep) }, updateId ?? `propose-adjustment:${id}`);
    return view(record);
  }

  async approve(adjustmentId: string, body: z.infer<typeof decideAdjustmentSchema>, actor: Actor, key?: string): Promise<AdjustmentView> {
    return this.decide('approve', adjustmentId, body, actor, key);
  }

  async reject(adjustmentId: string, body: z.infer<typeof decideAdjustmentSchema>, actor: Actor, key?: string): Promise<AdjustmentView> {
    return this.decide('reject', adjustmentId, body, actor, key);
  }

  async list(query: z.infer<typeof adjustmentListQuery>, actor: Actor): Promise<AdjustmentView[]> {
    const rows = await this.adjustments.list({ ...query, repIds: await this.policy.readScope(actor) });
    return rows.map(view);
  }

  async get(adjustmentId: string, actor: Actor): Promise<AdjustmentView> {
    return view(await this.policy.visible(await this.adjustments.find(adjustmentId), adjustmentId, actor));
  }

  private async decide(action: 'approve' | 'reject', adjustmentId: string, body: z.infer<typeof decideAdjustmentSchema>, actor: Actor, key?: string) {
    const record = await this.adjustments.find(adjustmentId);
    if (!record) throw refuse('NOT_FOUND', `no adjustment ${adjustmentId}`);
    // Decided or expired: the rep's workflow may have finished with it, so the projection answers.
    if (record.status !== 'PENDING') throw refuse('ADJUSTMENT_NOT_PENDING', `adjustment ${adjustmentId} is ${record.status}`);
    const definition = action === 'approve' ? approveAdjustmentUpdate : rejectAdjustmentUpdate;
    const updateId = key ? `${action}-adjustment:${adjustmentId}:${actor.id}:${key}` : undefined;
    return view(await this.temporal.repCommand(record.repId, definition, { adjustmentId, reason: body.reason, actor }, updateId));
  }
}

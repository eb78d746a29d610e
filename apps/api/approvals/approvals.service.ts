import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Actor, approveUpdate, rejectUpdate } from '../../../libs/contracts';
import { checkApproval } from '../../../libs/domain';
import { ApprovalsRepository, QueueEntry } from '../../../libs/persistence/approvals.repository';
import { RevisionCache } from '../../../libs/persistence/read-model-revision';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { approveSchema, queueQuery, rejectSchema } from './approval.schemas';

type QueueItem = QueueEntry['item'] & { decidable: boolean; blockedBy: { code: string; reason: string } | null };

@Injectable()
export class ApprovalsService {
  /** The deal desk polls the queue: each page is kept until the read model changes. */
  private readonly queues = new RevisionCache<QueueEntry[]>(100);
  /** And each page as one caller is answered, `decidable` included (a desk polls with a handful of analysts). */
  private readonly answers = new RevisionCache<QueueItem[]>(50);

  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  /**
   * The queue with, for the caller, whether they may decide each item and if not why: the approve path's own rule
   * (checkApproval, the deal workflow's validator) asked of the read model, so the answer is the one approving would give.
   */
  async queue(q: z.infer<typeof queueQuery>, actor: Actor): Promise<QueueItem[]> {
    const revision = await this.approvals.revision();
    const page = `${q.status}|${q.dealId ?? ''}|${q.limit}|${q.offset}`;
    return this.answers.get(`${page}|${actor.id}`, revision, async () => {
      const entries = await this.queues.get(page, revision, () => this.approvals.queue(q));
      return entries.map(({ approvalId, item, decision }) => {
        const refusal = checkApproval(decision, approvalId, actor.id);
        return { ...item, decidable: refusal === null, blockedBy: refusal && { code: refusal.code, reason: refusal.message } };
      });
    });
  }

  async approve(approvalId: string, body: z.infer<typeof approveSchema>, actor: Actor, key?: string) {
    const dealId = await this.dealOf(approvalId);
    const updateId = key ? `approve:${approvalId}:${actor.id}:${key}` : `approve:${approvalId}:${actor.id}`;
    return this.temporal.dealCommand(dealId, approveUpdate, { approvalId, note: body.note, actor }, updateId, this.closed(approvalId, dealId));
  }

  async reject(approvalId: string, body: z.infer<typeof rejectSchema>, actor: Actor, key?: string) {
    const dealId = await this.dealOf(approvalId);
    const updateId = key ? `reject:${approvalId}:${actor.id}:${key}` : undefined;
    return this.temporal.dealCommand(dealId, rejectUpdate, { approvalId, reason: body.reason, actor }, updateId, this.closed(approvalId, dealId));
  }

  private async dealOf(approvalId: string): Promise<string> {
    const dealId = await this.approvals.dealOf(approvalId);
    if (!dealId) throw refuse('NOT_FOUND', `no approval ${approvalId}`);
    return dealId;
  }

  /** Closing a deal decided everything that was pending on it. */
  private closed(approvalId: string, dealId: string) {
    return { code: 'APPROVAL_NOT_PENDING' as const, message: `approval ${approvalId} is not pending: deal ${dealId} is closed` };
  }
}

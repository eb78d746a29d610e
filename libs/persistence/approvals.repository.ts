import { DataSource } from 'typeorm';
import { Deal, DecisionContext, periodOf } from '../domain';
import { sharedRevision } from './read-model-revision';

export interface ApprovalQueueFilter {
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  dealId?: string;
  limit: number;
  offset: number;
}

/** Reads of the `approvals` projection (the deal workflow's commit writes it). */
export class ApprovalsRepository {
  constructor(private readonly db: DataSource) {}

  /** Rises with every committed change to deals or approvals. */
  revision(): Promise<string> {
    return sharedRevision(this.db);
  }

  async dealOf(approvalId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT deal_id FROM approvals WHERE approval_id = $1`, [approvalId]);
    return row?.deal_id;
  }

  /** A page of the queue, each item with its deal's context and what the approve rule needs to answer for any caller. */
  async queue(q: ApprovalQueueFilter): Promise<QueueEntry[]> {
    const rows = await this.db.query(
      `SELECT a.approval_id, a.deal_id, a.kind, a.gate, a.bonus_type, a.quantity, a.recipients, a.document_type, a.document_ref, a.artifact,
              a.effective_date::text AS effective_date, a.submitted_by, a.submitted_at, a.status, a.amount_if_approved, a.decided_by,
              a.decided_at, a.decision_reason, a.result, r.name AS submitter_name,
              d.sponsor, d.program, d.status AS deal_status, d.state->'killed' AS killed, d.sourced_by, d.owner, d.splits, d.gates
       FROM approvals a JOIN deals d ON d.id = a.deal_id LEFT JOIN reps r ON r.id = a.submitted_by
       WHERE a.status = $1 AND ($2::text IS NULL OR a.deal_id = $2) ORDER BY a.submitted_at, a.approval_id LIMIT $3 OFFSET $4`,
      [q.status, q.dealId ?? null, q.limit, q.offset],
    );
    return rows.map((r: any) => ({ approvalId: r.approval_id, item: queueItem(r), decision: decisionContext(r) }));
  }
}

/** One queue item and, beside it, the deal as the approve rule reads it (checkApproval), for the caller's `decidable`. */
export interface QueueEntry {
  approvalId: string;
  item: Record<string, unknown>;
  decision: DecisionContext;
}

function queueItem(r: any): Record<string, unknown> {
  const gateName = r.gate ? (r.gates as Deal['gates']).find((g) => g.key === r.gate)?.name : undefined;
  return {
    approvalId: r.approval_id,
    dealId: r.deal_id,
    sponsor: r.sponsor,
    program: r.program,
    kind: r.kind,
    ...(r.gate ? { gate: r.gate, ...(gateName ? { gateName } : {}) } : {}),
    ...(r.bonus_type ? { type: r.bonus_type, quantity: r.quantity } : {}),
    ...(r.recipients ? { recipients: r.recipients } : {}),
    documentType: r.document_type,
    documentRef: r.document_ref,
    ...(r.artifact ? { artifact: r.artifact } : {}),
    effectiveDate: r.effective_date,
    period: periodOf(r.effective_date),
    submittedBy: r.submitted_by,
    // A submitter who is a rep has a name in the directory; anyone else (desk, admin, manager) is named by their id.
    submitterName: r.submitter_name ?? r.submitted_by,
    submittedAt: new Date(r.submitted_at).toISOString(),
    amountIfApproved: r.amount_if_approved,
    status: r.status,
    ...(r.decided_by ? { decidedBy: r.decided_by, decidedAt: new Date(r.decided_at).toISOString(), reason: r.decision_reason, result: r.result } : {}),
  };
}

function decisionContext(r: any): DecisionContext {
  return {
    id: r.deal_id,
    status: r.deal_status,
    sourcedBy: r.sourced_by,
    owner: r.owner,
    splits: r.splits,
    gates: r.gates,
    ...(r.killed ? { killed: r.killed } : {}),
    pending:
      r.status === 'PENDING'
        ? [{ approvalId: r.approval_id, kind: r.kind, gate: r.gate ?? undefined, submittedBy: r.submitted_by, effectiveDate: r.effective_date }]
        : [],
  };
}

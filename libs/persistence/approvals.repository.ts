import { DataSource } from 'typeorm';
import { readModelRevision } from './read-model-revision';

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
    return readModelRevision(this.db);
  }

  async dealOf(approvalId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT deal_id FROM approvals WHERE approval_id = $1`, [approvalId]);
    return row?.deal_id;
  }

  async queue(q: ApprovalQueueFilter): Promise<object[]> {
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
}

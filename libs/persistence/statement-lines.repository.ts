import { DataSource } from 'typeorm';
import { Deal, Money, Period, REVERSAL_LINE_KINDS, StatementLine } from '../domain';
import { adjustmentPostingKey } from './adjustments.repository';

/** The ledger row a statement line shows. */
export interface LinePosting {
  key: string;
  kind: string;
  amount: string;
  period: Period;
  effectiveDate: string;
  dealId?: string;
  reference?: string;
  details: Record<string, unknown> | null;
}

/** The approval behind a gate or bonus line, with its evidence. */
export interface LineApproval {
  approvalId: string;
  kind: 'GATE' | 'BONUS';
  gate?: string;
  type?: string;
  quantity?: number;
  recipients?: Array<{ repId: string; share: string }>;
  documentType: string;
  documentRef: string;
  artifact?: { id: string; sha256: string; filename?: string };
  effectiveDate: string;
  submittedBy: string;
  submittedAt: string;
  status: string;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

/** Lines the deal workflow posted (with their ledger kind); the others are the statement's own rep-level postings. */
const DEAL_LEDGER_KIND: Record<string, string> = {
  GATE_COMMISSION: 'GATE_COMMISSION',
  GATE_COMMISSION_REVERSAL: 'GATE_COMMISSION',
  DESIGN_WIN_BONUS: 'DESIGN_WIN_BONUS',
  DESIGN_WIN_BONUS_REVERSAL: 'DESIGN_WIN_BONUS',
  DESIGN_WIN_CAPPED: 'DESIGN_WIN_CAPPED',
  DESIGN_WIN_CAPPED_REVERSAL: 'DESIGN_WIN_CAPPED',
};

const toPosting = (r: any): LinePosting => ({
  key: r.idempotency_key,
  kind: r.kind,
  amount: Money.format(r.amount),
  period: r.period,
  effectiveDate: r.effective_date,
  ...(r.deal_id ? { dealId: r.deal_id } : {}),
  ...(r.reference ? { reference: r.reference } : {}),
  details: r.details ?? null,
});

const POSTING = `SELECT idempotency_key, kind, amount, period, effective_date::text AS effective_date, deal_id, reference, details FROM ledger_entries`;

/** What "why this line" reads (docs/rules.md "Why this line"): the posting, its approval and evidence, its deal. */
export class StatementLinesRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The posting of `lines[index]` of the rep's statement: a gate or bonus line is the `occurrence`-th ledger row of its
   * kind, deal and reference in the period (statements list them in ledger order); an adjustment is `adjustment:<id>`;
   * a rep-level line (draw, recovery, retention, trailing...) is the row the statement wrote for it.
   */
  async posting(repId: string, period: Period, lines: StatementLine[], index: number, occurrence: number): Promise<LinePosting | undefined> {
    const line = lines[index];
    const ledgerKind = DEAL_LEDGER_KIND[line.kind];
    if (ledgerKind) {
      const reversal = REVERSAL_LINE_KINDS.includes(line.kind);
      const rows = await this.db.query(
        `${POSTING} WHERE rep_id = $1 AND period = $2 AND kind = $3 AND deal_id IS NOT DISTINCT FROM $4 AND reference IS NOT DISTINCT FROM $5
           AND (coalesce(details->>'reversalOf', '') <> '') = $6 ORDER BY id OFFSET $7 LIMIT 1`,
        [repId, period, ledgerKind, line.dealId ?? null, line.reference ?? null, reversal, occurrence],
      );
      return rows[0] ? toPosting(rows[0]) : undefined;
    }
    if (line.kind === 'ADJUSTMENT') {
      const [row] = await this.db.query(`${POSTING} WHERE idempotency_key = $1`, [adjustmentPostingKey(line.reference ?? '')]);
      return row ? toPosting(row) : undefined;
    }
    const repLevel = lines.filter((l) => !DEAL_LEDGER_KIND[l.kind] && l.kind !== 'ADJUSTMENT');
    const i = repLevel.indexOf(line);
    const [row] = await this.db.query(`${POSTING} WHERE idempotency_key = $1`, [`rep:${repId}:period:${period}:${line.kind}:${i}`]);
    return row ? toPosting(row) : undefined;
  }

  async approval(approvalId: string): Promise<LineApproval | undefined> {
    const [r] = await this.db.query(
      `SELECT approval_id, kind, gate, bonus_type, quantity, recipients, document_type, document_ref, artifact, effective_date::text AS effective_date,
              submitted_by, submitted_at, status, decided_by, decided_at, decision_reason FROM approvals WHERE approval_id = $1`,
      [approvalId],
    );
    if (!r) return undefined;
    return {
      approvalId: r.approval_id,
      kind: r.kind,
      ...(r.gate ? { gate: r.gate } : {}),
      ...(r.bonus_type ? { type: r.bonus_type, quantity: r.quantity } : {}),
      ...(r.recipients ? { recipients: r.recipients } : {}),
      documentType: r.document_type,
      documentRef: r.document_ref,
      ...(r.artifact ? { artifact: { id: r.artifact.id, sha256: r.artifact.sha256, ...(r.artifact.filename ? { filename: r.artifact.filename } : {}) } } : {}),
      effectiveDate: r.effective_date,
      submittedBy: r.submitted_by,
      submittedAt: new Date(r.submitted_at).toISOString(),
      status: r.status,
      ...(r.decided_by ? { decidedBy: r.decided_by, decidedAt: new Date(r.decided_at).toISOString() } : {}),
      ...(r.decision_reason ? { note: r.decision_reason } : {}),
    };
  }

  /** The deal as of its last commit (its pinned plan version, TCV and descopes). */
  async deal(dealId: string): Promise<Deal | undefined> {
    const [row] = await this.db.query(`SELECT state FROM deals WHERE id = $1`, [dealId]);
    return row?.state ?? undefined;
  }
}

import { DataSource, EntityManager } from 'typeorm';
import { EarningCode, Money, MoneyString, Period, RefusalError, Statement } from '../domain';
import { orderedStatement } from './comp.repository';
import { appendOutboxEvent } from './outbox';

export interface PayrollBatchRecord {
  id: string;
  period: Period;
  status: 'CREATED' | 'PAID';
  lines: Array<{ key: string; repId: string; code: EarningCode; amount: MoneyString }>;
  total: MoneyString;
  held: Array<{ repId: string; reason: string }>;
  statements: Array<{ repId: string; totalPayout: MoneyString; hash: string }>;
  createdBy: string;
  createdAt: string;
  payment: { reference: string; paidBy: string; paidAt: string } | null;
}

/** An APPROVED statement of the period that no batch carries yet. */
export interface BatchCandidate {
  statement: Statement;
  /** The hash finance signed. */
  hash: string;
}

/** What goes into a new batch, decided by the caller from the candidates (docs/rules.md "Payroll batches"). */
export interface BatchContent {
  statements: Array<{ repId: string; hash: string; totalPayout: MoneyString }>;
  lines: Array<{ key: string; repId: string; code: EarningCode; amount: MoneyString }>;
  held: Array<{ repId: string; reason: string }>;
}

/** Payroll batches: written once, in one transaction, never changed (a trigger refuses it); paying one adds a row. */
export class PayrollRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Creates the period's next batch, `PB-<period>-<n>`, under a per-period advisory lock, so two concurrent creates
   * never pick the same statement: `decide` gets the APPROVED statements not in a batch yet and says what goes in.
   */
  async create(period: Period, createdBy: string, decide: (candidates: BatchCandidate[]) => Promise<BatchContent>): Promise<PayrollBatchRecord> {
    const id = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('payroll-batch:' || $1))`, [period]);
      const rows = await tx.query(
        `SELECT s.body, f.hash FROM statements s
         JOIN statement_signoffs f ON f.rep_id = s.rep_id AND f.period = s.period AND f.role = 'finance'
         WHERE s.period = $1 AND NOT EXISTS (SELECT 1 FROM payroll_batch_statements b WHERE b.rep_id = s.rep_id AND b.period = s.period)
         ORDER BY s.rep_id`,
        [period],
      );
      const content = await decide(rows.map((r: { body: Statement; hash: string }) => ({ statement: orderedStatement(r.body), hash: r.hash })));
      if (content.statements.length === 0) {
        const held = content.held.map((h) => `${h.repId} (${h.reason})`).join(', ');
        throw new RefusalError('NOTHING_TO_BATCH', `no APPROVED statement of ${period} is left to batch${held ? `; held: ${held}` : ''}`);
      }
      const [{ seq }] = await tx.query(`SELECT coalesce(max(seq), 0) + 1 AS seq FROM payroll_batches WHERE period = $1`, [period]);
      const batchId = `PB-${period}-${seq}`;
      const total = Money.format(Money.sum(content.lines.map((l) => l.amount)));
      await tx.query(`INSERT INTO payroll_batches (id, period, seq, total, created_by) VALUES ($1, $2, $3, $4, $5)`, [batchId, period, seq, total, createdBy]);
      await insertMany(tx, 'payroll_batch_statements', ['rep_id', 'period', 'batch_id', 'hash', 'total_payout'], content.statements.map((s) => [s.repId, period, batchId, s.hash, s.totalPayout]));
      await insertMany(tx, 'payroll_batch_lines', ['key', 'batch_id', 'position', 'rep_id', 'code', 'amount'], content.lines.map((l, i) => [l.key, batchId, i, l.repId, l.code, l.amount]));
      await insertMany(tx, 'payroll_batch_holds', ['batch_id', 'rep_id', 'reason'], content.held.map((h) => [batchId, h.repId, h.reason]));
      await appendOutboxEvent(tx, {
        type: 'tranche.payroll.batch_created',
        key: batchId,
        subject: `payroll-batch/${batchId}`,
        data: { batchId, period, total, statements: content.statements.length, held: content.held.map((h) => h.repId) },
      });
      return batchId;
    });
    return (await this.find(id))!;
  }

  async list(period?: Period): Promise<PayrollBatchRecord[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM payroll_batches WHERE ($1::text IS NULL OR period = $1) ORDER BY period, seq`, [period ?? null]);
    return Promise.all(rows.map(async (r) => (await this.find(r.id))!));
  }

  async find(id: string): Promise<PayrollBatchRecord | undefined> {
    const [batch] = await this.db.query(
      `SELECT b.*, p.reference, p.paid_by, p.paid_at FROM payroll_batches b LEFT JOIN payroll_batch_payments p ON p.batch_id = b.id WHERE b.id = $1`,
      [id],
    );
    if (!batch) return undefined;
    const [lines, held, statements] = await Promise.all([
      this.db.query(`SELECT key, rep_id, code, amount FROM payroll_batch_lines WHERE batch_id = $1 ORDER BY position`, [id]),
      this.db.query(`SELECT rep_id, reason FROM payroll_batch_holds WHERE batch_id = $1 ORDER BY rep_id`, [id]),
      this.db.query(`SELECT rep_id, total_payout, hash FROM payroll_batch_statements WHERE batch_id = $1 ORDER BY rep_id`, [id]),
    ]);
    return {
      id: batch.id,
      period: batch.period,
      status: batch.reference === null ? 'CREATED' : 'PAID',
      lines: lines.map((l: any) => ({ key: l.key, repId: l.rep_id, code: l.code, amount: Money.format(l.amount) })),
      total: Money.format(batch.total),
      held: held.map((h: any) => ({ repId: h.rep_id, reason: h.reason })),
      statements: statements.map((s: any) => ({ repId: s.rep_id, totalPayout: Money.format(s.total_payout), hash: s.hash })),
      createdBy: batch.created_by,
      createdAt: new Date(batch.created_at).toISOString(),
      payment: batch.reference === null ? null : { reference: batch.reference, paidBy: batch.paid_by, paidAt: new Date(batch.paid_at).toISOString() },
    };
  }

  /** The names of the reps a batch pays, for its export. */
  async repNames(repIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM reps WHERE id = ANY($1::text[])`, [repIds]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Records the payment once; a repeat with the same reference finds it, another reference is PAYROLL_BATCH_PAID. */
  async markPaid(id: string, reference: string, paidBy: string): Promise<PayrollBatchRecord> {
    await this.db.query(`INSERT INTO payroll_batch_payments (batch_id, reference, paid_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, reference, paidBy]);
    const batch = (await this.find(id))!;
    if (batch.payment!.reference !== reference) {
      throw new RefusalError('PAYROLL_BATCH_PAID', `${id} was marked paid with reference ${batch.payment!.reference} by ${batch.payment!.paidBy}; a batch is never changed`);
    }
    return batch;
  }
}

async function insertMany(tx: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  // In chunks: PostgreSQL takes at most 65535 parameters in one statement.
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const values = chunk.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

import { DataSource } from 'typeorm';
import { Period, Signoff, SignoffRole } from '../domain';
import { appendOutboxEvent } from './outbox';

/** A statement's state beside its immutable body: its sign-offs, the batch that carries it, and whether that batch is paid. */
export interface StatementState {
  signoffs: Array<Signoff & { hash: string }>;
  batchId: string | null;
  paid: boolean;
}

const stateKey = (repId: string, period: Period) => `${repId}|${period}`;
const EMPTY: StatementState = { signoffs: [], batchId: null, paid: false };

/** Sign-offs of statements (docs/rules.md "Statement sign-off"): rows only ever added, one per statement and role. */
export class StatementSignoffsRepository {
  constructor(private readonly db: DataSource) {}

  /** Adds the sign-off unless one is recorded for that role; returns the one that is (this one or the earlier). */
  async record(repId: string, period: Period, role: SignoffRole, by: string, hash: string): Promise<Signoff & { hash: string }> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO statement_signoffs (rep_id, period, role, signed_by, hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [repId, period, role, by, hash],
      );
      // Finance signs last: its sign-off makes the statement APPROVED. The outbox keeps one event per statement.
      if (role === 'finance') {
        await appendOutboxEvent(tx, { type: 'tranche.statement.approved', key: `${repId}|${period}`, subject: `statement/${repId}/${period}`, data: { repId, period, hash } });
      }
    });
    const signoffs = (await this.states([{ repId, period }])).get(stateKey(repId, period))!.signoffs;
    return signoffs.find((s) => s.role === role)!;
  }

  async state(repId: string, period: Period): Promise<StatementState> {
    return (await this.states([{ repId, period }])).get(stateKey(repId, period)) ?? EMPTY;
  }

  /** The state of several statements in two queries, keyed `<repId>|<period>` (every key present). */
  async states(keys: Array<{ repId: string; period: Period }>): Promise<Map<string, StatementState>> {
    const out = new Map<string, StatementState>(keys.map((k) => [stateKey(k.repId, k.period), { signoffs: [], batchId: null, paid: false }]));
    if (keys.length === 0) return out;
    const params = [keys.map((k) => k.repId), keys.map((k) => k.period)];
    const signoffs = await this.db.query(
      `SELECT s.rep_id, s.period, s.role, s.signed_by, s.hash, s.signed_at FROM statement_signoffs s
       JOIN unnest($1::text[], $2::text[]) AS k(rep_id, period) ON k.rep_id = s.rep_id AND k.period = s.period
       ORDER BY s.signed_at, s.role DESC`,
      params,
    );
    for (const r of signoffs) {
      out.get(stateKey(r.rep_id, r.period))?.signoffs.push({ by: r.signed_by, role: r.role, at: new Date(r.signed_at).toISOString(), hash: r.hash });
    }
    const batched = await this.db.query(
      `SELECT b.rep_id, b.period, b.batch_id, (p.batch_id IS NOT NULL) AS paid FROM payroll_batch_statements b
       JOIN unnest($1::text[], $2::text[]) AS k(rep_id, period) ON k.rep_id = b.rep_id AND k.period = b.period
       LEFT JOIN payroll_batch_payments p ON p.batch_id = b.batch_id`,
      params,
    );
    for (const r of batched) {
      const state = out.get(stateKey(r.rep_id, r.period));
      if (state) Object.assign(state, { batchId: r.batch_id, paid: r.paid });
    }
    return out;
  }
}

export { stateKey as statementStateKey };

import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { acknowledgementHold, Period, periodStart, renderPlanDocument, repPlanOn, repPlanVersions, requiresAcknowledgement } from '../domain';
import { PlanRecord, PlansRepository } from './plans.repository';
import { RepRow, RepsRepository } from './reps.repository';

/** The terms of one plan version for one rep (docs/rules.md "Plan document and acknowledgement"). */
export interface PlanDocument {
  repId: string;
  planId: string;
  /** sha256 (hex) of `markdown`: what an acknowledgement is bound to. */
  hash: string;
  markdown: string;
}

export interface PlanAcknowledgement {
  repId: string;
  planId: string;
  hash: string;
  acknowledgedAt: string;
}

export interface PlanReminder {
  planId: string;
  week: number;
  sentAt: string;
}

export const planDocumentHash = (markdown: string): string => createHash('sha256').update(markdown, 'utf8').digest('hex');

/** The document of a plan version the rep is, was or will be on; undefined when the rep is never on it. */
export function planDocumentOf(rep: RepRow, plan: PlanRecord): PlanDocument | undefined {
  const version = repPlanVersions({ planId: rep.planId, hireDate: rep.hireDate }, rep.planMoves ?? []).find((v) => v.planId === plan.id);
  if (!version) return undefined;
  const markdown = renderPlanDocument({
    rep: { id: rep.id, name: rep.name, role: rep.role, hireDate: rep.hireDate, quarterlyDraw: rep.quarterlyDraw },
    plan: { id: plan.id, effectiveFrom: plan.effectiveFrom, params: plan.params },
    repOnFrom: version.from,
  });
  return { repId: rep.id, planId: plan.id, hash: planDocumentHash(markdown), markdown };
}

const toAck = (r: any): PlanAcknowledgement => ({
  repId: r.rep_id,
  planId: r.plan_id,
  hash: r.hash,
  acknowledgedAt: new Date(r.acknowledged_at).toISOString(),
});

/** Acknowledgements of plan documents and the reminders sent for them (both append-only), and the payroll holds they lift. */
export class PlanAcknowledgementsRepository {
  private readonly reps: RepsRepository;
  private readonly plans: PlansRepository;

  constructor(private readonly db: DataSource) {
    this.reps = new RepsRepository(db);
    this.plans = new PlansRepository(db);
  }

  /** Records the acknowledgement once: the same rep, version and hash again answers the first record (`created: false`). */
  async acknowledge(repId: string, planId: string, hash: string, by: string): Promise<{ record: PlanAcknowledgement; created: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO plan_acknowledgements (rep_id, plan_id, hash, acknowledged_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (rep_id, plan_id, hash) DO NOTHING RETURNING rep_id, plan_id, hash, acknowledged_at`,
      [repId, planId, hash, by],
    );
    if (inserted.length) return { record: toAck(inserted[0]), created: true };
    const [row] = await this.db.query(`SELECT rep_id, plan_id, hash, acknowledged_at FROM plan_acknowledgements WHERE rep_id = $1 AND plan_id = $2 AND hash = $3`, [
      repId,
      planId,
      hash,
    ]);
    return { record: toAck(row), created: false };
  }

  /** A rep's acknowledgements, oldest first. */
  async list(repId: string): Promise<PlanAcknowledgement[]> {
    const rows = await this.db.query(`SELECT rep_id, plan_id, hash, acknowledged_at FROM plan_acknowledgements WHERE rep_id = $1 ORDER BY acknowledged_at, plan_id, hash`, [repId]);
    return rows.map(toAck);
  }

  /** Whether the rep has acknowledged this version's current document. */
  async isAcknowledged(repId: string, planId: string): Promise<boolean> {
    const [rep, plan] = await Promise.all([this.reps.find(repId), this.plans.find(planId)]);
    const document = rep && plan ? planDocumentOf(rep, plan) : undefined;
    if (!document) return false;
    const rows = await this.db.query(`SELECT 1 FROM plan_acknowledgements WHERE rep_id = $1 AND plan_id = $2 AND hash = $3`, [repId, planId, document.hash]);
    return rows.length > 0;
  }

  /** Records the reminder of one week once (the key is rep, version and week); true when this call recorded it. */
  async recordReminder(repId: string, planId: string, week: number, sentAt: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO plan_acknowledgement_reminders (rep_id, plan_id, week, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING week`,
      [repId, planId, week, sentAt],
    );
    return rows.length > 0;
  }

  /** The reminders sent to a rep, by version and week. */
  async reminders(repId: string): Promise<PlanReminder[]> {
    const rows = await this.db.query(`SELECT plan_id, week, sent_at FROM plan_acknowledgement_reminders WHERE rep_id = $1 ORDER BY plan_id, week`, [repId]);
    return rows.map((r: any) => ({ planId: r.plan_id, week: r.week, sentAt: new Date(r.sent_at).toISOString() }));
  }

  /**
   * Payroll holds of a period (docs/rules.md "Plan document and acknowledgement"): the reps among `repIds` whose plan
   * version in force on the period's first day requires acknowledgement and who have not acknowledged that version's
   * current document, each with the reason ("plan 2027.1 not acknowledged"). Reps not held (or unknown) are absent.
   */
  async holds(period: Period, repIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const ids = [...new Set(repIds)];
    if (!ids.length) return out;
    const reps = await Promise.all(ids.map((id) => this.reps.find(id)));
    const first = periodStart(period);
    const inForce = new Map<string, string>();
    for (const rep of reps) {
      if (rep) inForce.set(rep.id, repPlanOn({ planId: rep.planId }, rep.planMoves ?? [], first, rep.departure?.effectiveDate).planId);
    }
    const plans = new Map<string, PlanRecord>();
    for (const planId of new Set(inForce.values())) {
      const plan = await this.plans.find(planId);
      if (plan) plans.set(planId, plan);
    }
    const ackRows: Array<{ rep_id: string; plan_id: string; hash: string }> = await this.db.query(
      `SELECT rep_id, plan_id, hash FROM plan_acknowledgements WHERE rep_id = ANY($1)`,
      [ids],
    );
    for (const rep of reps) {
      const plan = rep && plans.get(inForce.get(rep.id)!);
      if (!rep || !plan || !requiresAcknowledgement(plan.params)) continue;
      const document = planDocumentOf(rep, plan)!;
      const acknowledged = ackRows.filter((a) => a.rep_id === rep.id && a.plan_id === plan.id).map((a) => a.hash);
      const reason = acknowledgementHold(plan.id, true, document.hash, acknowledged);
      if (reason) out.set(rep.id, reason);
    }
    return out;
  }
}

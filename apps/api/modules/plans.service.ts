import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { IsoDate, PlanParams, planProblems, resolvePlanParams } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { refuse } from '../http/problem';
import { createPlanSchema } from '../schemas';

export interface PlanView {
  id: string;
  effectiveFrom: IsoDate;
  status: 'DRAFT' | 'PUBLISHED';
  params: PlanParams;
  createdBy: string;
  publishedAt: string | null;
}

const toView = (r: any): PlanView => ({
  id: r.id,
  effectiveFrom: r.effective_from,
  status: r.status,
  params: r.params,
  createdBy: r.created_by,
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
});

/** JSON with object keys sorted: jsonb does not keep the key order it was given, so stored and resolved params compare this way. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

const SELECT = `SELECT id, effective_from::text AS effective_from, status, params, created_by, published_at FROM plans`;

@Injectable()
export class PlansService {
  constructor(private readonly db: DataSource) {}

  /** A draft; omitted top-level keys take the reference default whole. Same id and body again: 200. */
  async create(input: z.infer<typeof createPlanSchema>, actor: Actor): Promise<{ created: boolean; plan: PlanView }> {
    const params = resolvePlanParams(input.params as Partial<PlanParams>);
    const problems = planProblems(params);
    if (problems.length > 0) {
      throw refuse('VALIDATION_FAILED', 'the plan parameters break the plan rules', problems.map((p) => ({ path: `params.${p.split(':')[0]}`, message: p })));
    }
    const existing = await this.find(input.id);
    if (existing) {
      const same = existing.effectiveFrom === input.effectiveFrom && canonicalJson(existing.params) === canonicalJson(params);
      if (same) return { created: false, plan: existing };
      throw existing.status === 'PUBLISHED'
        ? refuse('PLAN_PUBLISHED', `plan ${input.id} is published and immutable; publish a new version with a later effectiveFrom`)
        : refuse('CONFLICT', `plan ${input.id} already exists with other parameters`);
    }
    await this.db.query(
      `INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ($1, $2, $3, 'DRAFT', $4) ON CONFLICT (id) DO NOTHING`,
      [input.id, input.effectiveFrom, JSON.stringify(params), actor.id],
    );
    return { created: true, plan: (await this.find(input.id))! };
  }

  async publish(id: string): Promise<PlanView> {
    await this.db.query(`UPDATE plans SET status = 'PUBLISHED', published_at = now() WHERE id = $1 AND status = 'DRAFT'`, [id]);
    return this.get(id);
  }

  async list(): Promise<PlanView[]> {
    return (await this.db.query(`${SELECT} ORDER BY effective_from, id`)).map(toView);
  }

  async find(id: string): Promise<PlanView | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE id = $1`, [id]);
    return rows.length ? toView(rows[0]) : undefined;
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.find(id);
    if (!plan) throw refuse('NOT_FOUND', `no plan ${id}`);
    return plan;
  }

  /** The published version with the latest effectiveFrom on or before the date: what a deal is pinned to. */
  async inForceOn(date: IsoDate): Promise<PlanView> {
    const rows = await this.db.query(
      `${SELECT} WHERE status = 'PUBLISHED' AND effective_from <= $1 ORDER BY effective_from DESC, published_at DESC LIMIT 1`,
      [date],
    );
    if (!rows.length) throw refuse('NO_PUBLISHED_PLAN', `no published plan is in force on ${date}`);
    return toView(rows[0]);
  }
}

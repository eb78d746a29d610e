import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { IsoDate, PlanParams, planProblems, resolvePlanParams } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { PlanRecord, PlansRepository } from '../../../libs/persistence/plans.repository';
import { refuse } from '../http/problem';
import { createPlanSchema } from './plan.schemas';

export type PlanView = PlanRecord;

/** JSON with object keys sorted: jsonb does not keep the key order it was given, so stored and resolved params compare this way. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

@Injectable()
export class PlansService {
  constructor(private readonly plans: PlansRepository) {}

  /** A draft; omitted top-level keys take the reference default whole. Same id and body again: 200. */
  async create(input: z.infer<typeof createPlanSchema>, actor: Actor): Promise<{ created: boolean; plan: PlanView }> {
    const params = resolvePlanParams(input.params as Partial<PlanParams>);
    const problems = planProblems(params);
    if (problems.length > 0) {
      throw refuse('VALIDATION_FAILED', 'the plan parameters break the plan rules', problems.map((p) => ({ path: `params.${p.split(':')[0]}`, message: p })));
    }
    const existing = await this.plans.find(input.id);
    if (existing) {
      const same = existing.effectiveFrom === input.effectiveFrom && canonicalJson(existing.params) === canonicalJson(params);
      if (same) return { created: false, plan: existing };
      throw existing.status === 'PUBLISHED'
        ? refuse('PLAN_PUBLISHED', `plan ${input.id} is published and immutable; publish a new version with a later effectiveFrom`)
        : refuse('CONFLICT', `plan ${input.id} already exists with other parameters`);
    }
    await this.plans.insertDraft(input.id, input.effectiveFrom, params, actor.id);
    return { created: true, plan: (await this.plans.find(input.id))! };
  }

  async publish(id: string): Promise<PlanView> {
    await this.plans.publish(id);
    return this.get(id);
  }

  list(): Promise<PlanView[]> {
    return this.plans.list();
  }

  find(id: string): Promise<PlanView | undefined> {
    return this.plans.find(id);
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.plans.find(id);
    if (!plan) throw refuse('NOT_FOUND', `no plan ${id}`);
    return plan;
  }

  /** A published version, or PLAN_NOT_PUBLISHED naming why not. */
  async published(id: string): Promise<PlanView> {
    const plan = await this.plans.find(id);
    if (!plan) throw refuse('PLAN_NOT_PUBLISHED', `no plan ${id}`);
    if (plan.status !== 'PUBLISHED') throw refuse('PLAN_NOT_PUBLISHED', `plan ${id} is a draft; publish it first`);
    return plan;
  }

  /** The published version with the latest effectiveFrom on or before the date: what a deal is pinned to. */
  async inForceOn(date: IsoDate): Promise<PlanView> {
    const plan = await this.plans.inForceOn(date);
    if (!plan) throw refuse('NO_PUBLISHED_PLAN', `no published plan is in force on ${date}`);
    return plan;
  }
}

import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { repPlanOn, requiresAcknowledgement } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { PlanAcknowledgement, PlanAcknowledgementsRepository, PlanDocument, planDocumentOf } from '../../../libs/persistence/plan-acknowledgements.repository';
import { PlansRepository } from '../../../libs/persistence/plans.repository';
import { RepRow } from '../../../libs/persistence/reps.repository';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { PlanAckRemindersService } from './plan-ack-reminders.service';
import { acknowledgePlanSchema } from './plan-documents.schemas';
import { PlanDocumentsPolicy } from './plan-documents.policy';

/** GET /reps/{id}/plan-document, POST and GET /reps/{id}/plan-acknowledgements (docs/rules.md "Plan document and acknowledgement"). */
@Injectable()
export class PlanDocumentsService {
  constructor(
    private readonly acknowledgements: PlanAcknowledgementsRepository,
    private readonly plans: PlansRepository,
    private readonly policy: PlanDocumentsPolicy,
    private readonly reminders: PlanAckRemindersService,
    private readonly clock: BusinessClock,
  ) {}

  /** The document of `planId` (a version the rep is, was or will be on), by default the version in force today. */
  async document(repId: string, planId: string | undefined, actor: Actor): Promise<PlanDocument> {
    return this.documentOf(await this.policy.readable(repId, actor), planId);
  }

  /** Acknowledges exactly the document's current hash; the same again answers the first record (`created: false`). */
  async acknowledge(repId: string, body: z.infer<typeof acknowledgePlanSchema>, actor: Actor): Promise<{ created: boolean; record: PlanAcknowledgement }> {
    const rep = await this.policy.acknowledgeable(repId, actor);
    const document = await this.documentOf(rep, body.planId);
    if (document.hash !== body.hash) {
      throw refuse('PLAN_DOCUMENT_CHANGED', `hash ${body.hash} is not the current document of plan ${body.planId} for ${repId} (${document.hash}); read it again`);
    }
    const result = await this.acknowledgements.acknowledge(repId, body.planId, body.hash, actor.id);
    await this.reminders.acknowledged(repId, body.planId);
    return result;
  }

  async list(repId: string, actor: Actor) {
    const rep = await this.policy.readable(repId, actor);
    const current = await this.documentOf(rep, undefined);
    const plan = (await this.plans.find(current.planId))!;
    const [acknowledgements, reminders] = await Promise.all([this.acknowledgements.list(repId), this.acknowledgements.reminders(repId)]);
    const ack = acknowledgements.find((a) => a.planId === current.planId && a.hash === current.hash);
    return {
      repId,
      current: {
        planId: current.planId,
        hash: current.hash,
        requireAcknowledgement: requiresAcknowledgement(plan.params),
        acknowledged: ack !== undefined,
        ...(ack ? { acknowledgedAt: ack.acknowledgedAt } : {}),
      },
      acknowledgements,
      remindersSent: reminders.length,
      reminders,
    };
  }

  private async documentOf(rep: RepRow, planId: string | undefined): Promise<PlanDocument> {
    const wanted = planId ?? repPlanOn({ planId: rep.planId }, rep.planMoves ?? [], this.clock.today(), rep.departure?.effectiveDate).planId;
    const plan = await this.plans.find(wanted);
    const document = plan && planDocumentOf(rep, plan);
    if (!document) throw refuse('NOT_FOUND', `${rep.id} is never on plan ${wanted}`);
    return document;
  }
}

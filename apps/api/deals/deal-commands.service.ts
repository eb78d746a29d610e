import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { bonusRecipientProblems, isQuantityBonus, splitRecipients } from '../../../libs/domain';
import {
  Actor,
  closeDealUpdate,
  descopeUpdate,
  killUpdate,
  recordRevenueUpdate,
  slipUpdate,
  submitArtifactUpdate,
  submitBonusEventUpdate,
} from '../../../libs/contracts';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { artifactSchema, bonusEventSchema, descopeSchema, killSchema, revenueSchema, slipSchema } from './deal.schemas';
import { DealEvidenceService } from './deal-evidence.service';
import { dealView } from './deal-view';
import { DEAL_ROLES, DealsPolicy } from './deals.policy';

/**
 * Commands to a deal. The deal workflow owns every rule about the deal's state (closed, killed, gate order...) and
 * the ledger write owns "period closed"; here: access, request shape and business time only.
 */
@Injectable()
export class DealCommandsService {
  constructor(
    private readonly policy: DealsPolicy,
    private readonly deals: DealProjectionRepository,
    private readonly temporal: TemporalGateway,
    private readonly clock: BusinessClock,
    private readonly evidence: DealEvidenceService,
  ) {}

  async submitArtifact(dealId: string, input: z.infer<typeof artifactSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMaySubmitEvidence(dealId, actor, input.effectiveDate);
    this.clock.refuseFutureDate(input.effectiveDate);
    const { documentRef, artifactId, ...rest } = input;
    const { ref, artifact } = await this.evidence.evidence(dealId, documentRef, artifactId);
    return this.temporal.dealCommand(dealId, submitArtifactUpdate, { ...rest, documentRef: ref, ...(artifact ? { artifact } : {}), actor }, updateId);
  }

  async submitBonusEvent(dealId: string, input: z.infer<typeof bonusEventSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMaySubmitEvidence(dealId, actor, input.effectiveDate);
    const perUnit = isQuantityBonus(input.type);
    if (perUnit && input.quantity === undefined) throw refuse('VALIDATION_FAILED', `${input.type} is paid per unit: quantity is required`, [{ path: 'quantity', message: 'required' }]);
    if (!perUnit && input.quantity !== undefined && input.quantity !== 1) {
      throw refuse('VALIDATION_FAILED', `${input.type} is paid once per event: quantity must be 1 or omitted`, [{ path: 'quantity', message: 'must be 1' }]);
    }
    if (input.recipients) {
      const problems = bonusRecipientProblems(input.recipients, splitRecipients((await this.deals.splitsOf(dealId)) ?? []));
      if (problems.length) throw refuse('VALIDATION_FAILED', 'the bonus recipients break the recipient rules', problems.map((p) => ({ path: 'recipients', message: p })));
    }
    this.clock.refuseFutureDate(input.effectiveDate);
    const { evidenceRef, artifactId, ...rest } = input;
    const { ref, artifact } = await this.evidence.evidence(dealId, evidenceRef, artifactId);
    const command = { ...rest, quantity: input.quantity ?? 1, evidenceRef: ref, ...(artifact ? { artifact } : {}), actor };
    return this.temporal.dealCommand(dealId, submitBonusEventUpdate, command, updateId);
  }

  async descope(dealId: string, input: z.infer<typeof descopeSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.change);
    this.clock.refuseFutureDate(input.effectiveDate);
    return dealView(await this.temporal.dealCommand(dealId, descopeUpdate, { ...input, actor }, updateId));
  }

  async kill(dealId: string, input: z.infer<typeof killSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.change);
    this.clock.refuseFutureDate(input.effectiveDate);
    return dealView(await this.temporal.dealCommand(dealId, killUpdate, { ...input, actor }, updateId));
  }

  async slip(dealId: string, input: z.infer<typeof slipSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.change);
    return dealView(await this.temporal.dealCommand(dealId, slipUpdate, { ...input, actor }, updateId));
  }

  async recordRevenue(dealId: string, input: z.infer<typeof revenueSchema>, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.finance);
    this.clock.refuseFuturePeriod(input.period, 'revenue');
    const requestId = updateId ?? randomUUID();
    return dealView(await this.temporal.dealCommand(dealId, recordRevenueUpdate, { ...input, requestId, actor }, updateId));
  }

  async close(dealId: string, actor: Actor, updateId?: string) {
    await this.policy.refuseUnlessMayCommand(dealId, actor, DEAL_ROLES.finance);
    return dealView(await this.temporal.dealCommand(dealId, closeDealUpdate, { actor }, updateId));
  }
}

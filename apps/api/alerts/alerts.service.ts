import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AlertRecord, AlertsRepository } from '../../../libs/persistence/alerts.repository';
import { alertListQuery } from './alerts.schemas';
import { AlertsPolicy } from './alerts.policy';

/** Aging alerts are raised by the aging sweeper (workflows/aging-sweep.workflow.ts); here: who reads which. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly policy: AlertsPolicy,
  ) {}

  async list(query: z.infer<typeof alertListQuery>, actor: Actor): Promise<AlertRecord[]> {
    return this.alerts.list({ ...query, scope: await this.policy.scope(actor) });
  }
}

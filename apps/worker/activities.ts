import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { createCommissionAssetActivities } from '../../activities/commission-asset.activities';
import { createAlertActivities } from '../../activities/alert.activities';
import { createDealActivities } from '../../activities/deal.activities';
import { createDisputeActivities } from '../../activities/dispute.activities';
import { createPeriodActivities } from '../../activities/period.activities';
import { createPlanAcknowledgementActivities } from '../../activities/plan-acknowledgement.activities';
import { createRepActivities } from '../../activities/rep.activities';
import { CommissionAssetRepository } from '../../libs/persistence/commission-asset.repository';
import { AdjustmentsRepository } from '../../libs/persistence/adjustments.repository';
import { AlertsRepository } from '../../libs/persistence/alerts.repository';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { DisputesRepository } from '../../libs/persistence/disputes.repository';
import { ForecastRepository } from '../../libs/persistence/forecast.repository';
import { LedgerCloseRepository } from '../../libs/persistence/ledger-close.repository';
import { LedgerRepository } from '../../libs/persistence/ledger.repository';
import { WebhooksRepository } from '../../libs/persistence/webhooks.repository';
import { createWebhookActivities } from '../../activities/webhook.activities';
import { PlanAcknowledgementsRepository } from '../../libs/persistence/plan-acknowledgements.repository';
import { RepsRepository } from '../../libs/persistence/reps.repository';

/** Every activity the worker offers, wired from plain dependencies. */
export function createActivities(deps: { dataSource: DataSource; client: Client; periodCloseConcurrency?: number }) {
  const ledger = new LedgerRepository(deps.dataSource);
  const comp = new CompRepository(deps.dataSource);
  return {
    ...createDealActivities({ ledger, client: deps.client }),
    ...createAlertActivities({ alerts: new AlertsRepository(deps.dataSource) }),
    ...createRepActivities({ comp, adjustments: new AdjustmentsRepository(deps.dataSource) }),
    ...createPeriodActivities({
      comp,
      forecasts: new ForecastRepository(deps.dataSource),
      ledgerClose: new LedgerCloseRepository(deps.dataSource),
      client: deps.client,
      concurrency: deps.periodCloseConcurrency,
    }),
    ...createCommissionAssetActivities({ assets: new CommissionAssetRepository(deps.dataSource) }),
    ...createWebhookActivities({ webhooks: new WebhooksRepository(deps.dataSource) }),
    ...createDisputeActivities({ disputes: new DisputesRepository(deps.dataSource), client: deps.client }),
    ...createPlanAcknowledgementActivities({ acknowledgements: new PlanAcknowledgementsRepository(deps.dataSource), reps: new RepsRepository(deps.dataSource) }),
  };
}

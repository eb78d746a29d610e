import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { createCommissionAssetActivities } from '../../activities/commission-asset.activities';
import { createAlertActivities } from '../../activities/alert.activities';
import { createDealActivities } from '../../activities/deal.activities';
import { createPeriodActivities } from '../../activities/period.activities';
import { createRepActivities } from '../../activities/rep.activities';
import { CommissionAssetRepository } from '../../libs/persistence/commission-asset.repository';
import { AdjustmentsRepository } from '../../libs/persistence/adjustments.repository';
import { AlertsRepository } from '../../libs/persistence/alerts.repository';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { ForecastRepository } from '../../libs/persistence/forecast.repository';
import { LedgerRepository } from '../../libs/persistence/ledger.repository';

/** Every activity the worker offers, wired from plain dependencies. */
export function createActivities(deps: { dataSource: DataSource; client: Client }) {
  const ledger = new LedgerRepository(deps.dataSource);
  const comp = new CompRepository(deps.dataSource);
  return {
    ...createDealActivities({ ledger, client: deps.client }),
    ...createAlertActivities({ alerts: new AlertsRepository(deps.dataSource) }),
    ...createRepActivities({ comp, adjustments: new AdjustmentsRepository(deps.dataSource) }),
    ...createPeriodActivities({ comp, forecasts: new ForecastRepository(deps.dataSource), client: deps.client }),
    ...createCommissionAssetActivities({ assets: new CommissionAssetRepository(deps.dataSource) }),
  };
}

import { Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdjustmentsRepository } from '../../../libs/persistence/adjustments.repository';
import { AlertsRepository } from '../../../libs/persistence/alerts.repository';
import { ApprovalsRepository } from '../../../libs/persistence/approvals.repository';
import { ArtifactsRepository } from '../../../libs/persistence/artifacts.repository';
import { CompRepository } from '../../../libs/persistence/comp.repository';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { HealthRepository } from '../../../libs/persistence/health.repository';
import { IdempotencyRepository } from '../../../libs/persistence/idempotency.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { PlansRepository } from '../../../libs/persistence/plans.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { SessionsRepository } from '../../../libs/persistence/sessions.repository';

const REPOSITORIES = [
  AdjustmentsRepository,
  AlertsRepository,
  ApprovalsRepository,
  ArtifactsRepository,
  CompRepository,
  DealProjectionRepository,
  ForecastRepository,
  HealthRepository,
  IdempotencyRepository,
  PeriodsRepository,
  PlansRepository,
  RepsRepository,
  SessionsRepository,
];

/** The libs/persistence repositories, one instance each over the API's data source: the only place the API reaches SQL. */
const providers: Provider[] = REPOSITORIES.map((Repository) => ({ provide: Repository, useFactory: (db: DataSource) => new Repository(db), inject: [DataSource] }));

@Global()
@Module({ providers, exports: REPOSITORIES })
export class PersistenceModule {}

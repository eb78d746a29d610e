import { Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdjustmentsRepository } from '../../../libs/persistence/adjustments.repository';
import { AlertsRepository } from '../../../libs/persistence/alerts.repository';
import { ApprovalsRepository } from '../../../libs/persistence/approvals.repository';
import { ArtifactsRepository } from '../../../libs/persistence/artifacts.repository';
import { CompRepository } from '../../../libs/persistence/comp.repository';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { DisputesRepository } from '../../../libs/persistence/disputes.repository';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { HealthRepository } from '../../../libs/persistence/health.repository';
import { IdempotencyRepository } from '../../../libs/persistence/idempotency.repository';
import { PayrollRepository } from '../../../libs/persistence/payroll.repository';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { PlanAcknowledgementsRepository } from '../../../libs/persistence/plan-acknowledgements.repository';
import { PlansRepository } from '../../../libs/persistence/plans.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { SessionsRepository } from '../../../libs/persistence/sessions.repository';
import { WebhooksRepository } from '../../../libs/persistence/webhooks.repository';
import { StatementSignoffsRepository } from '../../../libs/persistence/statement-signoffs.repository';
import { StatementLinesRepository } from '../../../libs/persistence/statement-lines.repository';

const REPOSITORIES = [
  AdjustmentsRepository,
  AlertsRepository,
  ApprovalsRepository,
  ArtifactsRepository,
  CompRepository,
  DealProjectionRepository,
  DisputesRepository,
  ForecastRepository,
  HealthRepository,
  IdempotencyRepository,
  PayrollRepository,
  PeriodsRepository,
  PlanAcknowledgementsRepository,
  PlansRepository,
  RepsRepository,
  SessionsRepository,
  WebhooksRepository,
  StatementSignoffsRepository,
  StatementLinesRepository,
];

/** The libs/persistence repositories, one instance each over the API's data source: the only place the API reaches SQL. */
const providers: Provider[] = REPOSITORIES.map((Repository) => ({ provide: Repository, useFactory: (db: DataSource) => new Repository(db), inject: [DataSource] }));

@Global()
@Module({ providers, exports: REPOSITORIES })
export class PersistenceModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { AccountingModule } from './accounting/accounting.module';
import { AdjustmentsModule } from './adjustments/adjustments.module';
import { AlertsModule } from './alerts/alerts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './clock/clock.module';
import { ConsoleModule } from './console/console.module';
import { DealsModule } from './deals/deals.module';
import { DisputesModule } from './disputes/disputes.module';
import { ForecastModule } from './forecast/forecast.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule, ObservabilityOptions } from './observability/observability.module';
import { withWorkflowLogging } from './observability/workflow-logging';
import { PayrollModule } from './payroll/payroll.module';
import { PeriodsModule } from './periods/periods.module';
import { PersistenceModule } from './persistence/persistence.module';
import { PlansModule } from './plans/plans.module';
import { PlanDocumentsModule } from './plan-documents/plan-documents.module';
import { ApiDeps, PlatformModule } from './platform.module';
import { RepsModule } from './reps/reps.module';
import { SignoffsModule } from './signoffs/signoffs.module';
import { StatementLinesModule } from './statement-lines/statement-lines.module';
import { TemporalModule } from './temporal/temporal.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export type { ApiDeps, ObservabilityOptions };

@Module({})
export class AppModule {
  static register(deps: ApiDeps, observability: ObservabilityOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The API's own client on the caller's connection: every workflow call it makes is named in the request log.
        PlatformModule.register({ ...deps, client: withWorkflowLogging(deps.client) }),
        ObservabilityModule.register(deps.config, observability),
        PersistenceModule,
        TemporalModule,
        ClockModule,
        AuthModule,
        HealthModule,
        PlansModule,
        RepsModule,
        DealsModule,
        ApprovalsModule,
        PeriodsModule,
        ForecastModule,
        AccountingModule,
        ConsoleModule.register(),
        AdjustmentsModule,
        WebhooksModule,
        SignoffsModule,
        PayrollModule,
        DisputesModule,
        StatementLinesModule,
        PlanDocumentsModule,
        AlertsModule,
      ],
    };
  }
}

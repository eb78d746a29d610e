import { Module } from '@nestjs/common';
import { StatementStatusModule } from '../statement-status/statement-status.module';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';

@Module({ imports: [StatementStatusModule], controllers: [PeriodsController], providers: [PeriodsService] })
export class PeriodsModule {}

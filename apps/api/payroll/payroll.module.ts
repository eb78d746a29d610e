import { Module } from '@nestjs/common';
import { StatementStatusModule } from '../statement-status/statement-status.module';
import { PayrollController } from './payroll.controller';
import { PayrollService } from './payroll.service';

@Module({ imports: [StatementStatusModule], controllers: [PayrollController], providers: [PayrollService] })
export class PayrollModule {}

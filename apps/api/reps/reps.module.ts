import { Module } from '@nestjs/common';
import { PlanAckRemindersModule } from '../plan-documents/plan-ack-reminders.module';
import { PlansModule } from '../plans/plans.module';
import { StatementStatusModule } from '../statement-status/statement-status.module';
import { RepCommandsService } from './rep-commands.service';
import { RepStatementsService } from './rep-statements.service';
import { RepsController } from './reps.controller';
import { RepsPolicy } from './reps.policy';
import { RepsService } from './reps.service';

@Module({
  imports: [PlansModule, StatementStatusModule, PlanAckRemindersModule],
  controllers: [RepsController],
  providers: [RepsPolicy, RepsService, RepCommandsService, RepStatementsService],
  exports: [RepsPolicy, RepStatementsService],
})
export class RepsModule {}

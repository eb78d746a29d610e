import { Module } from '@nestjs/common';
import { PlanAckRemindersService } from './plan-ack-reminders.service';

/** The reminder starter alone, so the reps module (which hires and moves reps) can use it without a cycle. */
@Module({ providers: [PlanAckRemindersService], exports: [PlanAckRemindersService] })
export class PlanAckRemindersModule {}

import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { PlanAckRemindersModule } from './plan-ack-reminders.module';
import { PlanDocumentsController } from './plan-documents.controller';
import { PlanDocumentsPolicy } from './plan-documents.policy';
import { PlanDocumentsService } from './plan-documents.service';

@Module({ imports: [RepsModule, PlanAckRemindersModule], controllers: [PlanDocumentsController], providers: [PlanDocumentsPolicy, PlanDocumentsService] })
export class PlanDocumentsModule {}

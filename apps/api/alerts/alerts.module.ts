import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { AlertsController } from './alerts.controller';
import { AlertsPolicy } from './alerts.policy';
import { AlertsService } from './alerts.service';

@Module({ imports: [RepsModule], controllers: [AlertsController], providers: [AlertsPolicy, AlertsService] })
export class AlertsModule {}

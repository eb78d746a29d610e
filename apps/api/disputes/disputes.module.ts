import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RepsModule } from '../reps/reps.module';
import { DisputesController } from './disputes.controller';
import { DisputesPolicy } from './disputes.policy';
import { DisputesService } from './disputes.service';
import { RepHistoryController, RepHistoryService } from './rep-history.controller';

@Module({ imports: [RepsModule, PlansModule], controllers: [DisputesController, RepHistoryController], providers: [DisputesPolicy, DisputesService, RepHistoryService] })
export class DisputesModule {}

import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RepsModule } from '../reps/reps.module';
import { DisputesController } from './disputes.controller';
import { DisputesPolicy } from './disputes.policy';
import { DisputesService } from './disputes.service';

@Module({ imports: [RepsModule, PlansModule], controllers: [DisputesController], providers: [DisputesPolicy, DisputesService] })
export class DisputesModule {}

import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RepsModule } from '../reps/reps.module';
import { DealCommandsService } from './deal-commands.service';
import { DealCreationService } from './deal-creation.service';
import { DealReadsService } from './deal-reads.service';
import { DealsController } from './deals.controller';
import { DealsPolicy } from './deals.policy';

@Module({
  imports: [PlansModule, RepsModule],
  controllers: [DealsController],
  providers: [DealsPolicy, DealReadsService, DealCreationService, DealCommandsService],
})
export class DealsModule {}

import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { PlansModule } from '../plans/plans.module';
import { RepsModule } from '../reps/reps.module';
import { DealCommandsService } from './deal-commands.service';
import { DealCreationService } from './deal-creation.service';
import { DealEvidenceService } from './deal-evidence.service';
import { DealReadsService } from './deal-reads.service';
import { DealsController } from './deals.controller';
import { DealsPolicy } from './deals.policy';

@Module({
  imports: [PlansModule, RepsModule, ArtifactsModule],
  controllers: [DealsController],
  providers: [DealsPolicy, DealReadsService, DealCreationService, DealCommandsService, DealEvidenceService],
})
export class DealsModule {}

import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { AdjustmentsController } from './adjustments.controller';
import { AdjustmentsPolicy } from './adjustments.policy';
import { AdjustmentsService } from './adjustments.service';

@Module({ imports: [RepsModule], controllers: [AdjustmentsController], providers: [AdjustmentsPolicy, AdjustmentsService] })
export class AdjustmentsModule {}

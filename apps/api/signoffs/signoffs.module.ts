import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { StatementStatusModule } from '../statement-status/statement-status.module';
import { SignoffsController } from './signoffs.controller';
import { SignoffsService } from './signoffs.service';

@Module({ imports: [RepsModule, StatementStatusModule], controllers: [SignoffsController], providers: [SignoffsService] })
export class SignoffsModule {}

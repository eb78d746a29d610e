import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { StatementLinesController } from './statement-lines.controller';
import { StatementLinesService } from './statement-lines.service';

@Module({ imports: [RepsModule], controllers: [StatementLinesController], providers: [StatementLinesService] })
export class StatementLinesModule {}

import { Module } from '@nestjs/common';
import { RepsModule } from '../reps/reps.module';
import { ForecastController } from './forecast.controller';
import { ForecastPolicy } from './forecast.policy';
import { ForecastService } from './forecast.service';
import { PortfolioService } from './portfolio.service';
import { TeamService } from './team.service';

@Module({
  imports: [RepsModule],
  controllers: [ForecastController],
  providers: [ForecastPolicy, ForecastService, PortfolioService, TeamService],
})
export class ForecastModule {}

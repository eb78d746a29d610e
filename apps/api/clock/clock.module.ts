import { Global, Module } from '@nestjs/common';
import { BusinessClock } from './business-clock';

@Global()
@Module({ providers: [BusinessClock], exports: [BusinessClock] })
export class ClockModule {}

import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommissionAssetRepository } from '../../../libs/persistence/commission-asset.repository';
import { AccountingController } from './accounting.controller';
import { AccountingService } from './accounting.service';

@Module({
  controllers: [AccountingController],
  providers: [AccountingService, { provide: CommissionAssetRepository, useFactory: (db: DataSource) => new CommissionAssetRepository(db), inject: [DataSource] }],
})
export class AccountingModule {}

import { Global, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DealProjectionRepository } from '../../../libs/persistence/deal-projection.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { TEMPORAL_CLIENT } from '../tokens';
import { TemporalGateway } from './temporal.gateway';

@Global()
@Module({
  providers: [
    {
      provide: TemporalGateway,
      useFactory: (client: Client, deals: DealProjectionRepository, reps: RepsRepository) =>
        new TemporalGateway(client, { dealStatus: (id) => deals.status(id), repStatus: async (id) => (await reps.statuses([id])).get(id) }),
      inject: [TEMPORAL_CLIENT, DealProjectionRepository, RepsRepository],
    },
  ],
  exports: [TemporalGateway],
})
export class TemporalModule {}

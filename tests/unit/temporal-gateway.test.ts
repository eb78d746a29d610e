import { Client, QueryNotRegisteredError } from '@temporalio/client';
import { TemporalGateway } from '../../apps/api/temporal/temporal.gateway';
import { dealSnapshotQuery, dealStateQuery } from '../../libs/contracts';

/** A client whose deal workflow answers only the queries it registered (unit test: no server). */
function clientWith(handlers: Record<string, () => unknown>): Client {
  const query = async (definition: { name: string }) => {
    const handler = handlers[definition.name];
    if (!handler) throw new QueryNotRegisteredError(`Workflow did not register a handler for ${definition.name}`, 3 /* gRPC INVALID_ARGUMENT: how the server reports a failed query */);
    return handler();
  };
  return { workflow: { getHandle: () => ({ query }) } } as unknown as Client;
}

describe('TemporalGateway.dealSnapshot', () => {
  const deal = { id: 'D-1' };

  it('answers the snapshot with its commit version', async () => {
    const gateway = new TemporalGateway(clientWith({ [dealSnapshotQuery.name]: () => ({ version: 7, deal }) }));
    expect(await gateway.dealSnapshot('D-1')).toEqual({ version: 7, deal });
  });

  it('falls back to dealState, with no version to keep it under, on a worker that predates dealSnapshot', async () => {
    const gateway = new TemporalGateway(clientWith({ [dealStateQuery.name]: () => deal }));
    expect(await gateway.dealSnapshot('D-1')).toEqual({ deal });
  });
});

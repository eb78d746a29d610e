import { Client, Connection, WorkflowClientInterceptor } from '@temporalio/client';
import { TemporalConfig } from './config';

/** Local dev server, a self-hosted cluster with mTLS, or Temporal Cloud with an API key: one config, the SDK's. */
export async function connectClient(config: TemporalConfig, interceptors: WorkflowClientInterceptor[] = []): Promise<Client> {
  const connection = await Connection.connect(config.connection);
  return new Client({ connection, namespace: config.namespace, interceptors: { workflow: interceptors } });
}

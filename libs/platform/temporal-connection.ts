import { Client, WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { TemporalConfig } from './config';

/**
 * Local dev server, a self-hosted cluster with mTLS, or Temporal Cloud with an API key: one config, the SDK's.
 * The client runs on the SDK's native connection (the Rust core's gRPC, as the worker's polls do), not on grpc-js:
 * its calls cost the Node thread only their protobuf encoding (docs/DECISIONS.md "The Temporal client on the native
 * connection (issue 15, fifth)").
 */
export async function connectClient(config: TemporalConfig, interceptors: WorkflowClientInterceptor[] = []): Promise<Client> {
  return clientOn(await NativeConnection.connect(config.connection), config, interceptors);
}

/** A client on a connection the caller already holds (the worker shares its own); closing the connection is the caller's. */
export function clientOn(connection: NativeConnection, config: Pick<TemporalConfig, 'namespace'>, interceptors: WorkflowClientInterceptor[] = []): Client {
  return new Client({ connection, namespace: config.namespace, interceptors: { workflow: interceptors } });
}

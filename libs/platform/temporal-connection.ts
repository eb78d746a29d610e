import { readFileSync } from 'node:fs';
import { Client, Connection, ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { TemporalConfig } from './config';

function tlsOptions(config: TemporalConfig) {
  if (!config.tls) return undefined;
  const { certPath, keyPath, caPath, serverName } = config.tls;
  return {
    serverNameOverride: serverName,
    serverRootCACertificate: caPath ? readFileSync(caPath) : undefined,
    clientCertPair: certPath && keyPath ? { crt: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
  };
}

/** Local dev server, a self-hosted cluster with mTLS, or Temporal Cloud with an API key: one config. */
export function clientConnectionOptions(config: TemporalConfig): ConnectionOptions {
  return { address: config.address, tls: tlsOptions(config), apiKey: config.apiKey };
}

export function workerConnectionOptions(config: TemporalConfig): NativeConnectionOptions {
  return { address: config.address, tls: tlsOptions(config), apiKey: config.apiKey };
}

export async function connectClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect(clientConnectionOptions(config));
  return new Client({ connection, namespace: config.namespace });
}

import { Client, Connection } from '@temporalio/client';
import { OpenAPIObject } from '@nestjs/swagger';
import { Writable } from 'node:stream';
import { createDataSource } from '../../libs/persistence/data-source';
import { loadConfig } from '../../libs/platform/config';
import { createApiApp } from './app';
import { buildOpenApiDocument } from './http/openapi-document';

/**
 * The API's OpenAPI document without PostgreSQL or Temporal: the whole Nest module graph over a data source that is
 * never initialized and a lazy Temporal connection that never dials (building the document calls no route).
 */
export async function standaloneOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ BUSINESS_CLOCK: 'manual', AUTH_JWT_SECRET: 'openapi-document-only', LOG_LEVEL: 'silent' });
  const dataSource = createDataSource(config.databaseUrl, 1);
  const client = new Client({ connection: Connection.lazy({ address: config.temporal.address }), namespace: config.temporal.namespace });
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await createApiApp({ config, dataSource, client }, { logDestination: discard });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The document as committed in docs/openapi.json: two-space JSON and a final newline. */
export const serializeOpenApi = (document: OpenAPIObject) => `${JSON.stringify(document, null, 2)}\n`;

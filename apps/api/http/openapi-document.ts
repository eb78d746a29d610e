import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, namedSchemas, POST_ERRORS, PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME, problemResponseObject } from './openapi';

/**
 * The OpenAPI document of the app: what each route's @ApiDocumented says, the shared Problem schema, and what the
 * pipeline does for every POST whatever the route (the Idempotency-Key header when signed in, 400/409/413/415).
 * Served at /docs-json and written to docs/openapi.json by `npm run openapi`.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tranche')
      .setDescription(
        'Phase-gated incentive compensation for long-cycle clinical-trial deals. Errors are RFC 9457 problem+json (the Problem schema). ' +
          'Each operation names the roles allowed in its description and in `x-roles`. Money is a decimal string, never a number.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...namedSchemas(), [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA as never } };
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post) continue;
    for (const status of POST_ERRORS) post.responses[status] ??= problemResponseObject(status);
    post.responses = Object.fromEntries(Object.entries(post.responses).sort(([a], [b]) => a.localeCompare(b)));
    if (post.security?.length) post.parameters = [...(post.parameters ?? []), IDEMPOTENCY_KEY_HEADER];
  }
  return document;
}

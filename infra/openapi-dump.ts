import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeOpenApi, standaloneOpenApiDocument } from '../apps/api/openapi-standalone';

/** `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json (no PostgreSQL or Temporal needed). */
async function main(): Promise<void> {
  const target = join(__dirname, '..', '..', 'docs', 'openapi.json');
  writeFileSync(target, serializeOpenApi(await standaloneOpenApiDocument()));
  process.stdout.write(`[openapi] wrote ${target}\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`[openapi] ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});

import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/**
 * The custom search attributes the workflows upsert (workflows/search-attributes.ts), all Keyword. A namespace
 * without them fails every workflow task that upserts one, so the worker registers them as it starts and the local
 * scripts pass the same list to the dev server (`TEMPORAL_SEARCH_ATTRIBUTES` in infra/).
 */
export const SEARCH_ATTRIBUTE_NAMES = ['DealId', 'Owner', 'DealStatus', 'RepId', 'RepStatus', 'Period'] as const;

/** `DealId=Keyword,Owner=Keyword,...`: the form infra/temporal-dev.sh takes. */
export const SEARCH_ATTRIBUTES_SPEC = SEARCH_ATTRIBUTE_NAMES.map((name) => `${name}=Keyword`).join(',');

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const UNIMPLEMENTED = 12; // gRPC status

/**
 * Registers the missing ones on `namespace` through the operator service (dev server, self-hosted, the time-skipping
 * test server). Returns the names it added. Temporal Cloud refuses this call: register them there with tcld or the
 * Cloud UI.
 */
export async function registerSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<string[]> {
  let registered: Record<string, unknown> = {};
  try {
    registered = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (err) {
    // The time-skipping test server adds search attributes but cannot list them: add them all.
    if ((err as { code?: number }).code !== UNIMPLEMENTED) throw err;
  }
  const missing = SEARCH_ATTRIBUTE_NAMES.filter((name) => registered[name] === undefined);
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
  });
  return missing;
}

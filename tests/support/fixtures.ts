import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchRunChain } from '../../apps/api/deals/deal-history';

export const FIXTURE_DIR = join(__dirname, '..', 'replay', 'fixtures');

/**
 * Under REFRESH_FIXTURES=1 (`npm run fixtures:refresh`) a test that drove a real workflow saves every run of it
 * as a replay fixture `<name>.run<k>.json` (the JSON history format of the Temporal CLI). The replay suite
 * replays every committed fixture on each test run.
 */
export async function saveReplayFixture(client: Client, workflowId: string, name: string, maxRuns = Infinity): Promise<number> {
  if (process.env.REFRESH_FIXTURES !== '1') return 0;
  const chain = (await fetchRunChain(client, workflowId)).slice(0, maxRuns);
  mkdirSync(FIXTURE_DIR, { recursive: true });
  chain.forEach(({ history }, i) => writeFileSync(join(FIXTURE_DIR, `${name}.run${i + 1}.json`), historyToJSON(history)));
  return chain.length;
}

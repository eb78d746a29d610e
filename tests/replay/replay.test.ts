import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR } from '../support/fixtures';
import { WORKFLOW_BUNDLE_PATH } from '../support/env';

/** Every committed history, exported from a real run, must replay on today's workflow code without nondeterminism. */
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) }));

describe('replay of committed workflow histories', () => {
  it('covers every workflow type', () => {
    const types = new Set(fixtures.map((f) => f.json.events[0].workflowExecutionStartedEventAttributes.workflowType.name));
    expect([...types]).toEqual(expect.arrayContaining(['dealWorkflow', 'repWorkflow', 'periodCloseWorkflow', 'periodSchedulerWorkflow']));
  });

  it('replays each fixture on the current workflow code', async () => {
    const histories = fixtures.map(({ file, json }) => ({ workflowId: file, history: historyFromJSON(json) }));
    const outcomes: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } }, histories)) {
      outcomes.push(result.error ? `${result.workflowId}: ${result.error.message}` : `${result.workflowId}: ok`);
    }
    expect(outcomes).toEqual(fixtures.map(({ file }) => `${file}: ok`));
  }, 120_000);
});

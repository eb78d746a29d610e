import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKFLOW_BUNDLE_PATH } from '../support/env';
import * as workflows from '../../workflows';

const FIXTURE_DIR = join(__dirname, 'fixtures');

/** Every committed history, exported from a real run, must replay on today's workflow code without nondeterminism. */
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) }));

describe('replay of committed workflow histories', () => {
  it('covers every workflow type', () => {
    const types = new Set(fixtures.map((f) => f.json.events[0].workflowExecutionStartedEventAttributes.workflowType.name));
    expect([...types].sort()).toEqual(expect.arrayContaining(Object.keys(workflows).sort()));
  });

  /** The patch ids recorded in a history (patched() writes a core_patch marker the first time it returns true). */
  const patchesIn = (json: any): string[] =>
    json.events
      .filter((e: any) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .map((e: any) => JSON.parse(Buffer.from(e.markerRecordedEventAttributes.details['patch-data'].payloads[0].data, 'base64').toString()).id);
  const fixture = (file: string) => fixtures.find((f) => f.file === file)!.json;

  it.each([
    ['deal-commit-local-activity', 'deal-before-local-commit-patch.run1.json', 'deal-reference-scenario.run1.json'],
    ['forecast-snapshot-at-close', 'period-close-before-snapshot-patch.run1.json', 'period-close-reference-scenario.run1.json'],
    ['deal-version-on-commit', 'deal-reference-scenario.run1.json', 'deal-create-with-start.run1.json'],
    ['rep-writes-own-record', 'rep-reference-scenario.run1.json', 'rep-create-with-start.run1.json'],
    ['period-close-reports-failures', 'period-close-reference-scenario.run1.json', 'period-close-reports-failures.run1.json'],
    ['deal-late-approvals', 'deal-reference-scenario.run1.json', 'deal-late-approval.run1.json'],
    ['search-attributes', 'deal-reference-scenario.run1.json', 'deal-search-attributes.run1.json'],
    ['deal-dated-replacement', 'deal-reference-scenario.run1.json', 'deal-dated-replacement.run1.json'],
    ['search-attributes', 'rep-reference-scenario.run1.json', 'rep-search-attributes.run1.json'],
    ['search-attributes', 'period-close-reference-scenario.run1.json', 'period-close-search-attributes.run1.json'],
    ['period-close-commission-asset', 'period-close-reports-failures.run1.json', 'period-close-commission-asset.run1.json'],
    ['rep-close-local-activities', 'rep-reference-scenario.run1.json', 'rep-close-local-activities.run1.json'],
    ['rep-close-one-local-activity', 'rep-close-local-activities.run1.json', 'rep-close-one-local-activity.run1.json'],
  ])('keeps a history from before patch %s next to one recorded after it', (patch, before, after) => {
    expect(patchesIn(fixture(before))).not.toContain(patch);
    expect(patchesIn(fixture(after))).toContain(patch);
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

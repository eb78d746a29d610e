/** Where the test suites find the servers `npm test` started (infra/test.sh). */
export const TEST_TEMPORAL_ADDRESS = process.env.TEST_TEMPORAL_ADDRESS ?? '127.0.0.1:7244';
export const TEST_DATABASE_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://tranche:tranche@127.0.0.1:55432/tranche_test';
export const WORKFLOW_BUNDLE_PATH = process.env.TEST_WORKFLOW_BUNDLE ?? `${__dirname}/../../.cache/test-workflow-bundle.js`;
export const TEST_SERVER_PATH = process.env.TEST_TIME_SKIPPING_SERVER ?? `${__dirname}/../../.cache/test-server/temporal-test-server`;

/** One Temporal namespace per e2e file (pre-created by infra/test.sh), so workflow ids never collide. */
export function namespaceFor(testFile: string): string {
  return `e2e-${require('node:path').basename(testFile).replace(/\.test\.ts$/, '')}`;
}

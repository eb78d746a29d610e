/** One jest project per test tier; `npm test` (infra/test.sh) runs them all against real servers. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/**
 * Packages that ship only ES modules: Node 20 requires them as they are, jest's module system cannot, so swc makes
 * them CommonJS (content-disposition 3, beneath @fastify/static).
 */
const ESM_ONLY = ['content-disposition'];

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: swc },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_ONLY.join('|')})/).*/node_modules/`],
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  // Tests drive real PostgreSQL and Temporal on a 2-core machine shared with them: jest's 5 s default cut off tests
  // that were only slow there. A test that asks for more sets its own; this is a limit against a hang, not a target.
  testTimeout: 60_000,
  projects: [
    project('unit'),
    project('integration'),
    project('replay', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
    project('workflow', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
    project('e2e', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
  ],
};

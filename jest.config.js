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

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  projects: [
    project('unit'),
    project('integration'),
    project('replay', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
    project('workflow', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
    project('e2e', { globalSetup: '<rootDir>/tests/support/bundle.ts' }),
  ],
};

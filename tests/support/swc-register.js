// `node -r ./tests/support/swc-register.js apps/api/main.ts`: runs the TypeScript sources as they are, compiled on
// load by swc with the same options as jest (tests/e2e/tracing.test.ts starts the API and the worker this way, as
// separate processes, so their OpenTelemetry instrumentation patches Node's real module loader).
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

addHook((code, filename) => transformSync(code, { ...options, filename }).code, { exts: ['.ts'], ignoreNodeModules: true });

#!/usr/bin/env node
// libs/domain holds the comp rules as pure functions: it may import decimal.js and itself, nothing else.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'libs', 'domain');
const allowed = (spec) => spec === 'decimal.js' || spec.startsWith('./');
const offences = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
  const source = readFileSync(join(dir, file), 'utf8');
  for (const match of source.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)) {
    if (!allowed(match[1])) offences.push(`${file}: imports ${match[1]}`);
  }
  if (/\bDate\.now\(|new Date\(\)/.test(source)) offences.push(`${file}: reads the wall clock`);
}
if (offences.length) {
  console.error(`libs/domain must stay pure (decimal.js and its own modules only):\n  ${offences.join('\n  ')}`);
  process.exit(1);
}
console.log('[check] libs/domain is pure');

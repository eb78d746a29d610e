#!/usr/bin/env node
// The codebase's shape, checked on every `npm test` (issue "Codebase shape"):
//  - SQL lives in libs/persistence repositories: no SQL in apps/api, and a DataSource only where modules wire repositories;
//  - no file in apps/api over 250 lines;
//  - workflows are started typed, by function reference, never by string name;
//  - workflows import nothing from libs/persistence (the ledger contracts they need are in libs/contracts);
//  - every POST route is declared with @Command (apps/api/http/command.ts), which gives it Idempotency-Key.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const MAX_API_FILE_LINES = 250;
const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|pg_advisory)/;
const BY_NAME = /\.(start|execute|signalWithStart)\(\s*['"`]|WithStartWorkflowOperation\.create\(\s*['"`]|startChild\(\s*['"`]|executeChild\(\s*['"`]/;

// apps/console is the browser app with its own package and node_modules: not API code.
const SKIP = new Set([join(ROOT, 'apps', 'console')]);
function files(dir, ext = '.ts') {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP.has(path)) continue;
    if (statSync(path).isDirectory()) out.push(...files(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

const offences = [];
const rel = (p) => relative(ROOT, p);

for (const file of files(join(ROOT, 'apps', 'api'))) {
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n').length;
  if (lines > MAX_API_FILE_LINES) offences.push(`${rel(file)}: ${lines} lines (at most ${MAX_API_FILE_LINES} in apps/api)`);
  if (SQL.test(source)) offences.push(`${rel(file)}: SQL outside libs/persistence`);
  if (/\b(DataSource|EntityManager)\b/.test(source) && !/(\.module|[\\/]app|[\\/]main)\.ts$/.test(file)) {
    offences.push(`${rel(file)}: uses the database directly (go through a libs/persistence repository)`);
  }
  if (/@Post\(/.test(source)) offences.push(`${rel(file)}: declares a POST route with @Post (use @Command, which gives it Idempotency-Key)`);
}

for (const dir of ['apps', 'libs', 'workflows', 'activities']) {
  for (const file of files(join(ROOT, dir))) {
    const source = readFileSync(file, 'utf8');
    if (BY_NAME.test(source)) offences.push(`${rel(file)}: starts a workflow by string name (pass the workflow function)`);
  }
}

for (const file of files(join(ROOT, 'workflows'))) {
  if (/from\s+['"][^'"]*libs\/persistence/.test(readFileSync(file, 'utf8'))) offences.push(`${rel(file)}: imports libs/persistence`);
}

if (offences.length) {
  console.error(`the codebase's shape does not hold:\n  ${offences.join('\n  ')}`);
  process.exit(1);
}
console.log('[check] apps/api has no SQL and no file over 250 lines; workflows start typed; workflows import no persistence; every POST is a @Command');

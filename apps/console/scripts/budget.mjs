#!/usr/bin/env node
// The console's performance budget (issue 11 item 7), measured on the demo book:
//   - initial JS on the queue route: every script the browser fetches until the deal desk's queue is usable, gzip-compressed
//     (level 9, as a server would send it), at most 200 kB;
//   - time until the queue is usable: from navigation start to the first Approve button visible and enabled, in a fresh
//     browser context (cold cache) each time, median of 5 runs, at most 1.5 s.
// Needs a stack with the persona picker on: `npm run console:budget` at the root starts one (infra/console-stack.ts).
// CONSOLE_URL / API_URL point it at another. Exits 1 over budget.
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';

const CONSOLE_URL = (process.env.CONSOLE_URL ?? 'http://127.0.0.1:3700/console').replace(/\/$/, '');
const API_URL = process.env.API_URL ?? new URL(CONSOLE_URL).origin;
const RUNS = Number(process.env.BUDGET_RUNS ?? 5);
const MAX_JS_GZIP_KB = 200;
const MAX_USABLE_MS = 1500;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const timings = [];
let jsGzipBytes = 0;
let jsFiles = 0;
try {
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext();
    const signIn = await context.request.post(`${API_URL}/auth/dev-login`, { data: { username: 'demo-desk' } });
    if (!signIn.ok()) throw new Error(`could not sign in as demo-desk (${signIn.status()}): the persona picker must be on (AUTH_DEV_SECRET)`);
    const page = await context.newPage();
    const scripts = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res);
    });
    await page.goto(`${CONSOLE_URL}/queue`);
    await page.getByRole('button', { name: /^Approve / }).first().waitFor({ state: 'visible' });
    await page.waitForFunction(() => !document.querySelector('[aria-label="Loading"]'));
    const usableMs = await page.evaluate(() => performance.now());
    if (run === 0) {
      // The first run warms the server (its caches, the JIT); it is not counted in the timings but measures the bytes.
      for (const res of scripts) jsGzipBytes += gzipSync(await res.body(), { level: 9 }).length;
      jsFiles = scripts.length;
    } else {
      timings.push(usableMs);
    }
    await context.close();
  }
} finally {
  await browser.close();
}

timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)];
const kb = jsGzipBytes / 1024;
const jsOk = kb <= MAX_JS_GZIP_KB;
const timeOk = median <= MAX_USABLE_MS;
console.log(`console budget: initial JS on /queue ${kb.toFixed(1)} kB gzip in ${jsFiles} files (budget ${MAX_JS_GZIP_KB} kB) ${jsOk ? 'OK' : 'OVER'}`);
console.log(`console budget: queue usable after ${Math.round(median)} ms, median of ${timings.length} cold loads [${timings.map((t) => Math.round(t)).join(', ')}] (budget ${MAX_USABLE_MS} ms) ${timeOk ? 'OK' : 'OVER'}`);
process.exit(jsOk && timeOk ? 0 : 1);

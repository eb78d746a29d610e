import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, startHarness } from '../support/harness';

/**
 * The API serves the web console's build at /console (apps/api/console/console.module.ts): deep links get the page,
 * a missing asset is a 404 problem, API routes stay the API's; without a build the API starts without the console.
 * A stand-in build in a temporary folder (CONSOLE_DIST) keeps the test independent of `vite build`.
 */
describe('the console served by the API', () => {
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tranche console</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("console")');

  describe('with a build', () => {
    let h: Harness;
    beforeAll(async () => {
      process.env.CONSOLE_DIST = dist;
      h = await startHarness(__filename);
    }, 120_000);
    afterAll(async () => {
      delete process.env.CONSOLE_DIST;
      await h?.stop();
    }, 60_000);

    it('serves the page at /console/ and for every deep link under it', async () => {
      for (const path of ['/console/', '/console/queue', '/console/deals/DEMO-101']) {
        const res = await fetch(`${h.baseUrl}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(await res.text()).toContain('Tranche console');
      }
    });

    it('serves hashed assets with a long cache, and a missing asset is a 404 problem, not the page', async () => {
      const asset = await fetch(`${h.baseUrl}/console/assets/index-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const missing = await fetch(`${h.baseUrl}/console/assets/index-gone.js`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
    });

    it('leaves the API routes to the API', async () => {
      expect((await fetch(`${h.baseUrl}/deals`)).status).toBe(401);
      expect((await fetch(`${h.baseUrl}/health/live`)).status).toBe(200);
    });
  });

  describe('without a build', () => {
    let h: Harness;
    beforeAll(async () => {
      process.env.CONSOLE_DIST = join(dist, 'not-built');
      h = await startHarness(__filename);
    }, 120_000);
    afterAll(async () => {
      delete process.env.CONSOLE_DIST;
      await h?.stop();
    }, 60_000);

    it('starts and serves the API, with no console', async () => {
      expect((await fetch(`${h.baseUrl}/health/live`)).status).toBe(200);
      expect((await fetch(`${h.baseUrl}/console/`)).status).toBe(404);
    });
  });
});

import AxeBuilder from '@axe-core/playwright';
import { expect, Page, APIRequestContext } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const API_URL = process.env.API_URL ?? 'http://127.0.0.1:3700';
const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '../../..');

/** A bearer token for setting up and checking through the API (machines keep bearer tokens); never given to the page. */
export function token(sub: string, roles: string[]): string {
  const b64 = (v: object | Buffer) => Buffer.from(v instanceof Buffer ? v : JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, roles, iat: now, exp: now + 3600 })}`;
  return `${head}.${createHmac('sha256', process.env.AUTH_JWT_SECRET ?? 'tranche-stack-secret').update(head).digest('base64url')}`;
}
export const bearer = (sub: string, roles: string[]) => ({ authorization: `Bearer ${token(sub, roles)}` });

/** Signs the browser in with the persona picker's endpoint (the dev secret is on): the session cookie lands in the page's context. */
export async function signInAs(page: Page, username: string): Promise<void> {
  const res = await page.request.post(`${API_URL}/auth/dev-login`, { data: { username } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

/**
 * axe on the page as it is: no serious or critical violation. First every finite animation or transition has ended:
 * axe reads colours as they are painted, and a notification still fading in fails colour contrast half-way.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** With UPDATE_SCREENSHOTS=1, the screen's picture for the README (docs/console/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const dir = join(ROOT, 'docs/console');
  mkdirSync(dir, { recursive: true });
  // A whole-page picture stitches fixed layers (the header, a drawer or modal and its overlay) at the scroll position,
  // which garbles them: with an overlay open, take what the user sees.
  const overlayOpen = (await page.getByRole('dialog').count()) > 0;
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: !overlayOpen });
}

export async function apiGet(request: APIRequestContext, path: string, sub = 'e2e-admin', roles = ['comp_admin', 'finance', 'manager', 'deal_desk']) {
  return request.get(`${API_URL}${path}`, { headers: bearer(sub, roles) });
}

export async function apiPost(request: APIRequestContext, path: string, body: unknown, sub = 'e2e-admin', roles = ['comp_admin', 'finance']) {
  return request.post(`${API_URL}${path}`, { headers: { ...bearer(sub, roles), 'idempotency-key': `e2e:${path}:${JSON.stringify(body)}` }, data: body });
}

/** A command through the API with a short Idempotency-Key of its own (`apiPost`'s key holds the whole body, too long for a deal). */
export async function apiCommand(request: APIRequestContext, path: string, key: string, body: unknown, sub = 'e2e-admin', roles = ['comp_admin', 'finance']) {
  return request.post(`${API_URL}${path}`, { headers: { ...bearer(sub, roles), 'idempotency-key': `e2e:${key}` }, data: body });
}

import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible, ROOT, screenshot } from './support';

/** The demo user's password as the provider's configuration has it (infra/oidc/demo-users.json). */
function demoPassword(username: string): string {
  const raw = JSON.parse(readFileSync(join(ROOT, 'infra/oidc/demo-users.json'), 'utf8'));
  const users: any[] = Array.isArray(raw) ? raw : (raw.users ?? Object.entries(raw).map(([k, v]: [string, any]) => ({ username: k, ...v })));
  const user = users.find((u) => (u.username ?? u.id ?? u.sub) === username);
  if (!user?.password) throw new Error(`no password for ${username} in infra/oidc/demo-users.json`);
  return user.password;
}

test('sign-in through the real OpenID provider, and sign-out', async ({ page }) => {
  await page.goto('queue');
  await expect(page.getByRole('heading', { name: 'Tranche console' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');

  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  // The provider's own login page, on another origin.
  await page.getByLabel('Username').fill('demo-desk');
  await page.getByLabel('Password').fill(demoPassword('demo-desk'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Some providers ask for consent once; accept it when asked.
  const consent = page.getByRole('button', { name: /continue|allow|authorize/i });
  if (await consent.isVisible({ timeout: 2000 }).catch(() => false)) await consent.click();

  await expect(page).toHaveURL(/\/console\/queue/);
  await expect(page.getByTestId('who')).toContainText('Dana Quist');
  await expect(page.getByRole('heading', { name: 'Approval queue' })).toBeVisible();
  // The session is an HttpOnly cookie: page scripts cannot read it.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'tranche_session')?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('tranche_session');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Tranche console' })).toBeVisible();
  await page.goto('queue');
  await expect(page.getByRole('heading', { name: 'Tranche console' })).toBeVisible();
});

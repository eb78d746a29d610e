import { expect, test } from '@playwright/test';
import { apiCommand, apiGet, expectAccessible, screenshot, signInAs } from './support';

/** The first day of the current quarter, and a date `months` before it (UTC). */
function quarterStartMinus(months: number): string {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - months, 1));
  return start.toISOString().slice(0, 10);
}

/**
 * Aging alerts in the console: a deal of its own, sourced 9 months before this quarter (ae-1's hire date), whose G1
 * is still open 1.5 × 6 months later: its watch is committed already due, so the sweeper alerts at once. The owner's manager sees the badge and the screen.
 */
test('a gate open too long shows in the manager\'s alert badge and on the Alerts screen; the deal desk does not see it', async ({ page, request }) => {
  const sourcedAt = quarterStartMinus(9);
  const created = await apiCommand(request, '/deals', 'deal-ALERT-UI-1', {
    id: 'ALERT-UI-1', sponsor: 'Lumen Biosciences', program: 'LB-3 Phase II', tcv: '1500000.00', dealType: 'NEW_BUSINESS',
    sourcedBy: 'ae-1', owner: 'ae-1', sourcedAt, splits: [{ repId: 'ae-1', role: 'AE', share: '1.00' }],
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const alertId = 'gate-aging:ALERT-UI-1:G1';
  const openFor = async (sub: string, roles: string[]) => (await (await apiGet(request, '/alerts?status=OPEN', sub, roles)).json()) as Array<{ id: string }>;
  await expect.poll(async () => (await openFor('mgr-1', ['manager'])).map((a) => a.id), { timeout: 30_000 }).toContain(alertId);
  const count = (await openFor('mgr-1', ['manager'])).length;

  await signInAs(page, 'mgr-1');
  await page.goto('team');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByTestId('alerts-badge')).toHaveText(String(count));
  await nav.getByRole('link', { name: /^Alerts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  const row = page.locator(`[data-alert="${alertId}"]`);
  await expect(row).toContainText('Gate overdue');
  await expect(row).toContainText(`G1: still open on ${quarterStartMinus(0)}, 1.5 × 6 months after ${sourcedAt}`);
  await expect(row).toContainText('OPEN');
  await expectAccessible(page, 'alerts');
  await screenshot(page, 'manager-alerts');

  // The deal desk sees approval alerts only: this gate alert is not theirs.
  await signInAs(page, 'demo-desk');
  await page.goto('alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(page.getByLabel('Loading')).toHaveCount(0);
  await expect(page.locator(`[data-alert="${alertId}"]`)).toHaveCount(0);
});

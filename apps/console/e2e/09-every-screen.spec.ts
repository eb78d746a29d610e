import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support';

/** Every screen not already checked by a scenario: it loads, it has its heading, and axe finds nothing serious. */
const SCREENS: Array<{ user: string; path: string; heading: string | RegExp; shot?: string }> = [
  { user: 'demo-desk', path: 'deals', heading: 'Deals', shot: 'deal-desk-deals' },
  { user: 'demo-hr', path: 'reps/ae-1', heading: 'Avery Ellis', shot: 'hr-rep-profile' },
  { user: 'demo-finance', path: 'deals/DEMO-103', heading: /DEMO-103/, shot: 'finance-deal-revenue' },
  { user: 'demo-finance', path: 'reps/ae-1', heading: 'Avery Ellis' },
  { user: 'mgr-1', path: 'deals/DEMO-103', heading: /DEMO-103/ },
  { user: 'demo-admin', path: 'reps', heading: 'Reps' },
  { user: 'demo-admin', path: 'periods', heading: 'Periods' },
  { user: 'demo-admin', path: 'deals/new', heading: 'New deal', shot: 'admin-new-deal' },
  { user: 'ae-1', path: 'me/deals', heading: 'My deals', shot: 'rep-deals' },
];

for (const s of SCREENS) {
  test(`${s.user} on /${s.path}`, async ({ page }) => {
    await signInAs(page, s.user);
    await page.goto(s.path);
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await expect(page.getByLabel('Loading')).toHaveCount(0);
    // The stack runs BUSINESS_CLOCK=manual: every screen says so, with the first open period the server reports.
    const { businessClock } = await (await page.request.get(new URL('/auth/config', page.url()).toString())).json();
    expect(businessClock.mode).toBe('manual');
    const banner = page.getByRole('status', { name: 'Business clock' });
    await expect(banner).toContainText('Business clock: manual');
    await expect(banner).toContainText(`postings land in ${businessClock.firstOpenPeriod}, the first open period`);
    await expectAccessible(page, `/${s.path} as ${s.user}`);
    if (s.shot) await screenshot(page, s.shot);
  });
}

test('the revenue dialog of finance shows the problem on the field it names', async ({ page }) => {
  await signInAs(page, 'demo-finance');
  await page.goto('deals/DEMO-103');
  await page.getByRole('button', { name: 'Record revenue' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Period').fill('2026-Q9');
  await dialog.getByLabel('Amount').fill('1000.00');
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(dialog.getByLabel('Period')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'revenue dialog');
});

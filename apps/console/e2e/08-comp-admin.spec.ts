import { expect, test } from '@playwright/test';
import { apiGet, expectAccessible, screenshot, signInAs } from './support';

test('bad input shows the problem\'s words on the field it names, and nothing is written', async ({ page, request }) => {
  await signInAs(page, 'demo-admin');
  await page.goto('deals/new');
  await page.getByLabel('Deal id').fill('E2E-BAD-1');
  await page.getByLabel('Sponsor').fill('Helix Bio');
  await page.getByLabel('Program').fill('HX-9 bad input');
  await page.getByLabel('TCV').fill('12,5');
  await page.getByLabel('Sourced on').fill('2026-01-15');
  for (const [label, option] of [['Sourced by', 'Avery Ellis (ae-1)'], ['Owner', 'Avery Ellis (ae-1)'], ['Rep of split 1', 'Avery Ellis (ae-1)']]) {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }
  await expectAccessible(page, 'new deal');
  await page.getByRole('button', { name: 'Create deal' }).click();
  const tcv = page.getByLabel('TCV');
  await expect(tcv).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/must be a decimal string/)).toBeVisible();
  expect((await apiGet(request, '/deals/E2E-BAD-1')).status()).toBe(404);
  await screenshot(page, 'admin-new-deal-error');
});

test('the splits editor checks that each gate sums to 1 before anything is sent', async ({ page }) => {
  await signInAs(page, 'demo-admin');
  await page.goto('deals/new');
  await page.getByLabel('Share of split 1').fill('0.70');
  await expect(page.getByTestId('gate-sums')).toContainText('0.7000 (must be 1)');
  await expect(page.getByRole('button', { name: 'Create deal' })).toBeDisabled();
  await page.getByRole('button', { name: 'Add a split' }).click();
  await page.getByLabel('Share of split 2').fill('0.30');
  await expect(page.getByTestId('gate-sums')).not.toContainText('must be 1');
});

test('the comp admin creates a plan from the defaults and publishes it', async ({ page }) => {
  const planId = `e2e-plan-${Date.now().toString(36)}`;
  await signInAs(page, 'demo-admin');
  await page.goto('plans');
  await page.getByRole('button', { name: 'New plan from defaults' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Plan id').fill(planId);
  await dialog.getByLabel('Effective from').fill('2030-01-01');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: `Publish ${planId}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('plans').getByRole('row', { name: new RegExp(planId) })).toContainText('PUBLISHED');
  await expectAccessible(page, 'plans');
  await screenshot(page, 'admin-plans');
});

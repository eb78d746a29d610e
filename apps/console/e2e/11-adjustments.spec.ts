import { expect, Page, test } from '@playwright/test';
import { apiGet, expectAccessible, screenshot, signInAs } from './support';

async function openPeriod(request: Parameters<typeof apiGet>[0]): Promise<string> {
  const periods = (await (await apiGet(request, '/periods')).json()) as Array<{ period: string; status: string }>;
  const open = periods.find((p) => p.status === 'OPEN');
  expect(open, 'the demo book has an open period').toBeTruthy();
  return open!.period;
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function adjustmentCount(request: Parameters<typeof apiGet>[0]): Promise<number> {
  return ((await (await apiGet(request, '/adjustments?repId=ae-1')).json()) as unknown[]).length;
}

test('bad input shows the problem\'s words on the field it names, and nothing is written', async ({ page, request }) => {
  const period = await openPeriod(request);
  const before = await adjustmentCount(request);
  await signInAs(page, 'demo-admin');
  await page.goto('adjustments');
  await page.getByRole('button', { name: 'Propose adjustment' }).click();
  const dialog = page.getByRole('dialog');
  await pick(page, 'Rep', 'Avery Ellis (ae-1)');
  await pick(page, 'Period', period);
  await dialog.getByLabel('Amount').fill('abc');
  await dialog.getByRole('button', { name: 'Propose' }).click();
  await expect(dialog.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'adjustment dialog with errors');
  expect(await adjustmentCount(request)).toBe(before);
});

test('the comp admin proposes, cannot approve their own, and finance approves', async ({ page, request }) => {
  const period = await openPeriod(request);
  const reason = `E2E spiff ${Date.now().toString(36)}`;
  await signInAs(page, 'demo-admin');
  await page.goto('adjustments');
  await page.getByRole('button', { name: 'Propose adjustment' }).click();
  const dialog = page.getByRole('dialog');
  await pick(page, 'Rep', 'Avery Ellis (ae-1)');
  await pick(page, 'Period', period);
  await dialog.getByLabel('Amount').fill('1250.00');
  await pick(page, 'Kind', 'SPIFF');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Propose' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('adjustments').getByRole('row').filter({ hasText: reason });
  await expect(row).toContainText('PENDING');
  const approve = row.getByRole('button', { name: /^Approve / });
  await expect(approve).toBeDisabled();
  await expect(row.getByTestId('blocked-reason')).toContainText('segregation of duties');
  await expectAccessible(page, 'adjustments as proposer');

  await signInAs(page, 'demo-finance');
  await page.goto('adjustments');
  const financeRow = page.getByTestId('adjustments').getByRole('row').filter({ hasText: reason });
  await financeRow.getByRole('button', { name: /^Approve / }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(financeRow).toContainText('APPROVED');
  await expectAccessible(page, 'adjustments as finance');
  await screenshot(page, 'finance-adjustments');
  const stored = (await (await apiGet(request, '/adjustments?repId=ae-1')).json()) as Array<{ reason: string; status: string; amount: string }>;
  expect(stored.find((a) => a.reason === reason)).toMatchObject({ status: 'APPROVED', amount: '1250.00' });
});

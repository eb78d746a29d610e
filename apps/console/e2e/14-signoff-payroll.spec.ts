import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiGet, apiPost, expectAccessible, screenshot, signInAs } from './support';

/**
 * Statement sign-off and payroll batches (docs/rules.md 17) on the demo book: the manager (mgr-1) and then finance sign
 * ae-1's statement of a closed period, the rep sees they cannot sign their own, finance batches it, downloads the CSV
 * and marks the batch paid. It closes a past quarter through the API when no period is closed yet, so it does not
 * depend on the specs before it.
 */
type PeriodRow = { period: string; status: string };

async function closedPeriod(request: Parameters<typeof apiGet>[0]): Promise<string | undefined> {
  let periods: PeriodRow[] = await (await apiGet(request, '/periods')).json();
  if (!periods.some((p) => p.status === 'CLOSED')) {
    const today = new Date().toISOString().slice(0, 10);
    const current = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const open = periods.find((p) => p.status !== 'CLOSED' && p.period < current);
    if (!open) return undefined;
    const closed = await apiPost(request, `/periods/${open.period}/close`, {}, 'e2e-finance', ['finance']);
    expect(closed.status(), await closed.text()).toBe(200);
    periods = await (await apiGet(request, '/periods')).json();
  }
  return periods.filter((p) => p.status === 'CLOSED').map((p) => p.period).pop();
}

const card = (page: Page, period: string) => page.getByTestId(`statement-ae-1-${period}`);

test('the manager, then finance, sign a statement; finance batches it, downloads the CSV and marks it paid', async ({ page, request }) => {
  const period = await closedPeriod(request);
  test.skip(!period, 'the demo book has no past quarter to close');
  const statement = async () => (await apiGet(request, `/reps/ae-1/statements/${period}`)).json();
  const before = await statement();
  expect(before.status).toBe('CLOSED');

  // the manager signs from the rep's profile, seeing the hash they sign
  await signInAs(page, 'mgr-1');
  await page.goto('reps/ae-1');
  await expect(card(page, period!).getByTestId('signoff-hash')).toHaveText(before.hash);
  await expect(card(page, period!).getByTestId('signoff-status')).toHaveText('CLOSED');
  await card(page, period!).getByRole('button', { name: `Sign statement of ae-1 for ${period}` }).click();
  await expect(card(page, period!).getByTestId('signed-manager')).toContainText('Signed as manager by mgr-1');
  await expectAccessible(page, 'rep profile after the manager signed');

  // the rep reads why they cannot sign their own statement
  await signInAs(page, 'ae-1');
  await page.goto('me/statements');
  await expect(card(page, period!).getByTestId('signoff-blocked')).toContainText('segregation of duties');
  await expect(card(page, period!).getByRole('button', { name: /^Sign statement/ })).toHaveCount(0);
  await expectAccessible(page, 'my statements with the sign-off status');

  // finance signs from the period's statements: APPROVED
  await signInAs(page, 'demo-finance');
  await page.goto('statements');
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: period!, exact: true }).click();
  await card(page, period!).getByRole('button', { name: `Sign statement of ae-1 for ${period}` }).click();
  await expect(card(page, period!).getByTestId('signoff-status')).toHaveText('APPROVED');
  await expect(card(page, period!).getByTestId('signed-finance')).toContainText('Signed as finance by demo-finance');
  await expectAccessible(page, 'statements after finance signed');
  await screenshot(page, 'finance-statement-signoff');
  expect((await statement()).status).toBe('APPROVED');

  // finance batches the period: ae-1's lines are there and sum to the statement's totalPayout
  await page.getByRole('link', { name: 'Payroll', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: period!, exact: true }).click();
  await page.getByRole('button', { name: `Create batch for ${period}` }).click();
  const batchCard = page.locator(`[data-testid^="batch-PB-${period}-"]`).filter({ hasText: 'ae-1' }).last();
  await expect(batchCard.getByTestId('batch-status')).toHaveText('CREATED');
  const batchId = (await batchCard.getAttribute('data-testid'))!.replace(/^batch-/, '');
  await expectAccessible(page, 'payroll batch created');

  const [download] = await Promise.all([page.waitForEvent('download'), batchCard.getByRole('button', { name: `Download CSV of ${batchId}` }).click()]);
  expect(download.suggestedFilename()).toBe(`payroll-${batchId}.csv`);
  const rows = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(rows[0]).toBe('batch_id,period,rep_id,rep_name,earning_code,amount,key');
  const ae1 = rows.filter((r) => r.startsWith(`${batchId},${period},ae-1,Avery Ellis,`));
  expect(ae1.length).toBeGreaterThan(0);
  const cents = ae1.map((r) => BigInt(r.split(',')[5].replace('.', ''))).reduce((a, b) => a + b, 0n);
  expect(cents).toBe(BigInt(before.totalPayout.replace('.', '')));

  // marked paid with the payroll reference: the batch and the statement are PAID
  await batchCard.getByRole('button', { name: `Mark ${batchId} paid` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Payroll reference').fill('ADP-E2E-RUN-1');
  await dialog.getByRole('button', { name: 'Mark paid' }).click();
  await expect(dialog).toBeHidden();
  await expect(batchCard.getByTestId('batch-status')).toHaveText('PAID');
  await expect(batchCard).toContainText('ADP-E2E-RUN-1');
  await expectAccessible(page, 'payroll batch paid');
  await screenshot(page, 'finance-payroll');
  expect((await statement()).status).toBe('PAID');
});

import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support';

test('finance closes the next period and its statements appear', async ({ page }) => {
  await signInAs(page, 'demo-finance');
  await page.goto('periods');
  const close = page.getByTestId('close-next');
  await expect(close).toBeVisible();
  const period = (await close.innerText()).replace('Close ', '').trim();
  await expectAccessible(page, 'periods');
  await close.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: `Close ${period}` }).click();
  const outcome = page.getByTestId('close-outcome');
  await expect(outcome).toContainText(`${period} closed`, { timeout: 60_000 });
  await expect(outcome.getByRole('row', { name: /ae-1/ })).toBeVisible();
  await expect(page.getByTestId('periods').locator(`tr[data-period="${period}"]`)).toContainText('CLOSED');
  await screenshot(page, 'finance-periods');

  await page.getByRole('link', { name: 'Statements', exact: true }).click();
  await expect(page.getByTestId(`statement-ae-1-${period}`)).toBeVisible();
  await expect(page.getByTestId(`statement-ae-1-${period}`).getByTestId('draw-netting')).toContainText('Commission earned');
  await expectAccessible(page, 'statements');
  await screenshot(page, 'finance-statements');
});

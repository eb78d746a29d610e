import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support';

test('the deal desk approves the pending G2: the queue shrinks and the timeline gains the approval and its postings', async ({ page }) => {
  await signInAs(page, 'demo-desk');
  await page.goto('queue');
  const queue = page.getByTestId('queue');
  const row = queue.locator('tr[data-approval="DEMO-101-A2"]');
  await expect(row).toBeVisible();
  const before = await queue.locator('tbody tr').count();
  await expectAccessible(page, 'queue');
  await screenshot(page, 'deal-desk-queue');

  await row.getByRole('button', { name: 'Approve DEMO-101-A2' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note (optional)').fill('signed work order checked against the sponsor portal');
  await expectAccessible(page, 'approve dialog');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(queue.locator('tbody tr')).toHaveCount(before - 1);

  await page.getByRole('tab', { name: 'Decided' }).click();
  await expect(page.getByRole('table', { name: 'Decided approvals' }).getByRole('row', { name: /DEMO-101-A2/ })).toContainText('demo-desk');

  await page.goto('deals/DEMO-101');
  await expect(page.getByTestId('gates')).toContainText('G2 EXECUTED_CONTRACT · retired');
  const approval = page.getByTestId('timeline').getByRole('button', { name: /DEMO-101-A2 approved/ });
  await expect(approval).toBeVisible();
  await approval.click();
  const details = page.getByTestId('mark-details');
  await expect(details).toContainText('signed work order checked against the sponsor portal');
  await expect(details.getByRole('table', { name: 'Postings of this decision' })).toContainText('ae-1');
  await expect(details).toContainText('commission $54,000.00');
  await expect(page.getByTestId('history')).toContainText('DEMO-101-A2 approved');
  await expectAccessible(page, 'deal page');
  await screenshot(page, 'deal-page-timeline');
});

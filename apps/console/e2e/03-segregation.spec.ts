import { expect, test } from '@playwright/test';
import { API_URL, bearer, expectAccessible, signInAs } from './support';

test('an item the deal desk member submitted themselves is blocked, and the page says why', async ({ page, request }) => {
  // demo-desk also holds comp_admin here, so they may submit evidence: then they may not decide it.
  const today = new Date().toISOString().slice(0, 10);
  const submitted = await request.post(`${API_URL}/deals/DEMO-102/artifacts`, {
    headers: { ...bearer('demo-desk', ['deal_desk', 'comp_admin']), 'idempotency-key': 'e2e-sod-submit' },
    data: { gate: 'G3', documentType: 'IRB_APPROVAL_LETTER', documentRef: 'DEMO-102/irb.pdf', effectiveDate: today },
  });
  expect(submitted.status(), await submitted.text()).toBe(202);
  const { approvalId } = await submitted.json();

  await signInAs(page, 'demo-desk');
  await page.goto('queue');
  const row = page.locator(`tr[data-approval="${approvalId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: `Approve ${approvalId}` })).toBeDisabled();
  await expect(row.getByTestId('blocked-reason')).toContainText(`You submitted ${approvalId}`);
  await expect(row.getByTestId('blocked-reason')).toContainText('segregation of duties');
  await expectAccessible(page, 'queue with a blocked item');

  // The API holds the same line: approving it anyway is 403 SEGREGATION_OF_DUTIES.
  const forced = await page.request.post(`${API_URL}/approvals/${approvalId}/approve`, { headers: { 'idempotency-key': 'e2e-sod-force' }, data: {} });
  expect(forced.status()).toBe(403);
  expect((await forced.json()).code).toBe('SEGREGATION_OF_DUTIES');
});

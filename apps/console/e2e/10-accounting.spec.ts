import { APIRequestContext, expect, test } from '@playwright/test';
import { API_URL, apiGet, bearer, expectAccessible, screenshot, signInAs } from './support';

/** A command through the API with a short Idempotency-Key of its own (the shared helper's key holds the whole body). */
const apiPost = (request: APIRequestContext, path: string, body: unknown, sub = 'e2e-admin', roles = ['comp_admin', 'finance']) =>
  request.post(`${API_URL}${path}`, { headers: { ...bearer(sub, roles), 'idempotency-key': `acc-ui:${path}` }, data: body });

/**
 * Finance reads commission expense (ASC 340-40) on the Accounting screen. Set up through the API on the demo book: a
 * deal whose G1 (capitalized) is dated in the first open past quarter, with revenue there, and that quarter closed.
 * TCV 2000000.00: G1 commission 0.20 × 2000000 × 0.04 = 16000.00; revenue 500000.00 of 2000000.00 amortizes
 * 16000 × 500000 / 2000000 = 4000.00; 12000.00 stays deferred.
 */
test('finance reads the roll-forward of a closed period and one deal’s schedule as a chart', async ({ page, request }) => {
  const periods: Array<{ period: string; status: string }> = await (await apiGet(request, '/periods')).json();
  const today = new Date().toISOString().slice(0, 10);
  const current = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const open = periods.find((p) => p.status !== 'CLOSED' && p.period < current);
  test.skip(!open, 'the demo book has no open quarter before the current one left to close');
  const period = open!.period;
  const [year, q] = [Number(period.slice(0, 4)), Number(period.slice(6))];
  const day = (n: number) => `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-${String(n).padStart(2, '0')}`;

  const created = await apiPost(request, '/deals', {
    id: 'ACC-UI-1', sponsor: 'Orion Trials', program: 'OR-9 Phase III', tcv: '2000000.00', dealType: 'NEW_BUSINESS',
    sourcedBy: 'sl-1', owner: 'sl-1', sourcedAt: day(2), splits: [{ repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '1.00' }],
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const artifact = await apiPost(request, '/deals/ACC-UI-1/artifacts', { gate: 'G1', documentType: 'LOI', documentRef: 'acc-ui-1/loi.pdf', effectiveDate: day(10) }, 'sl-1', ['rep']);
  expect(artifact.status(), await artifact.text()).toBe(202);
  const approved = await apiPost(request, `/approvals/${(await artifact.json()).approvalId}/approve`, {}, 'e2e-desk', ['deal_desk']);
  expect(approved.status(), await approved.text()).toBe(200);
  const revenue = await apiPost(request, '/deals/ACC-UI-1/revenue', { period, amount: '500000.00' }, 'e2e-finance', ['finance']);
  expect(revenue.status(), await revenue.text()).toBe(200);
  for (const p of periods.filter((r) => r.status !== 'CLOSED' && r.period <= period)) {
    const closed = await apiPost(request, `/periods/${p.period}/close`, {}, 'e2e-finance', ['finance']);
    expect(closed.status(), await closed.text()).toBe(200);
  }

  await signInAs(page, 'demo-finance');
  await page.goto('/console/periods');
  await page.getByRole('link', { name: 'Accounting', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounting' })).toBeVisible();
  await expect(page.getByTestId('accounting-period')).toHaveValue(period);
  const row = page.getByTestId('roll-forward').locator('tr[data-deal="ACC-UI-1"]');
  await expect(row).toContainText('$16,000.00');
  await expect(row).toContainText('$4,000.00');
  await expect(row).toContainText('$12,000.00');
  await expectAccessible(page, 'accounting');

  await row.getByRole('button', { name: 'Schedule of ACC-UI-1' }).click();
  const schedule = page.getByTestId('deal-schedule');
  await expect(schedule.getByRole('heading', { name: 'Schedule of ACC-UI-1' })).toBeVisible();
  await expect(schedule.getByTestId('schedule-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(schedule.locator(`tr[data-period="${period}"]`)).toContainText('$12,000.00');
  await expectAccessible(page, 'accounting schedule');
  await screenshot(page, 'finance-accounting');
});

import { expect, type APIRequestContext, type Page, test } from '@playwright/test';
import { API_URL, apiGet, apiPost, bearer, expectAccessible, screenshot, signInAs } from './support';

/** A closed period of ae-1, whatever ran before (closing is idempotent), and an open one for the adjustment. */
async function periods(request: APIRequestContext): Promise<{ closed: string; open: string }> {
  const all = (await (await apiGet(request, '/periods')).json()) as Array<{ period: string; status: string }>;
  const closed = all[0].period;
  const res = await apiPost(request, `/periods/${closed}/close`, {});
  expect(res.status(), await res.text()).toBe(200);
  const after = (await (await apiGet(request, '/periods')).json()) as Array<{ period: string; status: string }>;
  return { closed, open: after.find((p) => p.status === 'OPEN')!.period };
}

const disputes = async (request: APIRequestContext) => (await (await apiGet(request, '/disputes?repId=ae-1&status=OPEN', 'e2e-admin', ['comp_admin'])).json()) as Array<{ id: string; message: string; status: string }>;

async function statementCard(page: Page, period: string) {
  await signInAs(page, 'ae-1');
  await page.goto('me/statements');
  const card = page.getByTestId(`statement-ae-1-${period}`);
  await expect(card).toBeVisible();
  return card;
}

test('a rep reads why a line is what it is, and a bad dispute shows the problem on its field and writes nothing', async ({ page, request }) => {
  const { closed } = await periods(request);
  const card = await statementCard(page, closed);
  await card.getByRole('button', { name: /^Why this line/ }).first().click();
  const drawer = page.getByTestId('why-this-line');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('why-posting')).toContainText('Posting');
  // The drawer names the statement it explains, so a line of one quarter is not read as another's.
  await expect(page.getByRole('dialog', { name: new RegExp(`on ae-1's ${closed} statement$`) })).toBeVisible();
  await expectAccessible(page, 'why this line');
  await screenshot(page, 'rep-why-this-line');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  const before = (await disputes(request)).length;
  await card.getByRole('button', { name: /^Dispute this line/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Open dispute' }).click();
  await expect(dialog.getByLabel('Message')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'dispute dialog with errors');
  expect((await disputes(request)).length).toBe(before);
});

test('a rep disputes a line, sees it in their disputes, and the comp admin upholds it with an adjustment a second person approves', async ({ page, request }) => {
  const { closed, open } = await periods(request);
  const message = `E2E dispute ${Date.now().toString(36)}`;
  const card = await statementCard(page, closed);
  await card.getByRole('button', { name: /^Dispute this line/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'MISSING_CREDIT', exact: true }).click();
  await dialog.getByLabel('Message').fill(message);
  await dialog.getByRole('button', { name: 'Open dispute' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: 'My disputes' }).click();
  const mine = page.getByTestId('disputes').getByRole('row').filter({ hasText: message });
  await expect(mine).toContainText('OPEN');
  await expect(mine).toContainText('MISSING_CREDIT');
  await expectAccessible(page, 'my disputes');
  const dispute = (await disputes(request)).find((d) => d.message === message)!;
  expect(dispute).toBeTruthy();

  await signInAs(page, 'demo-admin');
  await page.goto('disputes');
  await expect(page.getByRole('heading', { level: 1, name: 'Dispute queue' })).toBeVisible();
  const row = page.getByTestId('disputes').getByRole('row').filter({ hasText: message });
  await row.getByRole('button', { name: /^Resolve / }).click();
  const resolve = page.getByRole('dialog');
  await resolve.getByLabel('Adjustment amount').fill('150.00');
  await resolve.getByRole('combobox', { name: 'Adjustment period' }).click();
  await page.getByRole('option', { name: open, exact: true }).click();
  await resolve.getByLabel('Note (optional)').fill('credit was missing');
  await expectAccessible(page, 'resolve dialog');
  await resolve.getByRole('button', { name: 'Uphold' }).click();
  await expect(resolve).toBeHidden();
  await screenshot(page, 'admin-dispute-queue');
  const upheld = (await (await apiGet(request, `/disputes/${dispute.id}`, 'e2e-admin', ['comp_admin'])).json()) as { status: string; adjustmentId: string };
  expect(upheld.status).toBe('UPHELD');

  // The proposal is the resolver's: they may not approve it themselves; finance does.
  await page.goto('adjustments');
  const proposal = page.getByTestId('adjustments').getByRole('row').filter({ hasText: 'credit was missing' });
  await expect(proposal).toContainText('DISPUTE_RESOLUTION');
  await expect(proposal.getByRole('button', { name: /^Approve / })).toBeDisabled();
  await expect(proposal.getByTestId('blocked-reason')).toContainText('segregation of duties');
  await signInAs(page, 'demo-finance');
  await page.goto('adjustments');
  const financeRow = page.getByTestId('adjustments').getByRole('row').filter({ hasText: 'credit was missing' });
  await financeRow.getByRole('button', { name: /^Approve / }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(financeRow).toContainText('APPROVED');
  const adjustment = (await (await apiGet(request, `/adjustments/${upheld.adjustmentId}`)).json()) as { status: string; disputeId: string };
  expect(adjustment).toMatchObject({ status: 'APPROVED', disputeId: dispute.id });
});

test('the comp admin denies a dispute with a reason; without one the field says so', async ({ page, request }) => {
  const { closed } = await periods(request);
  const statement = (await (await apiGet(request, `/reps/ae-1/statements/${closed}`)).json()) as { lines: Array<{ lineId: string }> };
  const message = `E2E deny ${Date.now().toString(36)}`;
  const opened = await request.post(`${API_URL}/disputes`, {
    headers: { ...bearer('ae-1', ['rep']), 'idempotency-key': `e2e-deny-${Date.now()}` },
    data: { repId: 'ae-1', period: closed, lineId: statement.lines[0].lineId, reason: 'OTHER', message },
  });
  expect(opened.status(), await opened.text()).toBe(201);

  await signInAs(page, 'demo-admin');
  await page.goto('disputes');
  const row = page.getByTestId('disputes').getByRole('row').filter({ hasText: message });
  await row.getByRole('button', { name: /^Resolve / }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('DENIED', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Deny' }).click();
  await expect(dialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Reason').fill('the line is as the signed split says');
  await dialog.getByRole('button', { name: 'Deny' }).click();
  await expect(dialog).toBeHidden();
  await page.getByText('DENIED', { exact: true }).first().click();
  await expect(page.getByTestId('disputes').getByRole('row').filter({ hasText: message })).toContainText('the line is as the signed split says');
  await expectAccessible(page, 'denied disputes');
});

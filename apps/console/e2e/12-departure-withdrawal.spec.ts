import { expect, test } from '@playwright/test';
import { apiCommand, apiGet, expectAccessible, screenshot, signInAs } from './support';

const ahead = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

test('a departure without a new owner for each owned deal names those deals in words, and nothing is written', async ({ page, request }) => {
  await signInAs(page, 'demo-hr');
  await page.goto('reps/ae-1');
  await page.getByRole('button', { name: 'Record departure' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Effective date').fill(ahead(10));
  await dialog.getByRole('button', { name: 'Record departure' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/owns .*DEMO-101.*name a new owner/);
  await expect(dialog.getByText('deal DEMO-101 must be named')).toBeVisible();
  await expect(dialog.getByLabel(/New owner of DEMO-101/)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'departure dialog with reassignment required');
  const rep = await (await apiGet(request, '/reps/ae-1')).json();
  expect(rep.departure).toBeNull();
});

test('HR records a departure dated ahead, then withdraws it', async ({ page, request }) => {
  const effective = ahead(10);
  await signInAs(page, 'demo-hr');
  await page.goto('reps/sl-1');
  await page.getByRole('button', { name: 'Record departure' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Effective date').fill(effective);
  // Earlier scenarios may have made sl-1 the owner of a deal (10-accounting does): each needs a new owner.
  const deals = (await (await apiGet(request, '/deals?limit=200')).json()) as Array<{ id: string; status: string; owner: string }>;
  for (const d of deals.filter((x) => x.status === 'ACTIVE' && x.owner === 'sl-1')) {
    await dialog.getByLabel(new RegExp(`New owner of ${d.id}`)).click();
    await page.getByRole('option', { name: 'Avery Ellis (ae-1)' }).click();
  }
  await dialog.getByRole('button', { name: 'Record departure' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('departure')).toContainText(`Leaves on ${effective}`);
  expect((await (await apiGet(request, '/reps/sl-1')).json()).departure).toMatchObject({ effectiveDate: effective });

  await page.getByRole('button', { name: 'Withdraw departure' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(effective);
  await expectAccessible(page, 'withdraw departure dialog');
  await screenshot(page, 'hr-withdraw-departure');
  await confirm.getByRole('button', { name: 'Withdraw departure' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('departure')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record departure' })).toBeVisible();
  expect((await (await apiGet(request, '/reps/sl-1')).json()).departure).toBeNull();
});

test('a departure in effect cannot be withdrawn: the dialog shows the problem in words, and the departure stays', async ({ page, request }) => {
  // A rep of its own (so no other scenario's state matters) with a deal and evidence dated after the departure.
  const today = new Date().toISOString().slice(0, 10);
  const effective = ahead(5);
  const hr: [string, string[]] = ['e2e-hr', ['hr']];
  const made = await apiCommand(request, '/reps', 'dep-ui-rep', { id: 'dep-ui-1', name: 'Robin Vale', role: 'AE', hireDate: today, quarterlyDraw: '20000.00', planId: 'demo-plan', managerId: 'mgr-1' }, ...hr);
  expect(made.status(), await made.text()).toBe(201);
  const deal = await apiCommand(request, '/deals', 'dep-ui-deal', {
    id: 'DEP-UI-1', sponsor: 'Corvid Bio', program: 'CV-4 Phase II', tcv: '900000.00', dealType: 'NEW_BUSINESS',
    sourcedBy: 'dep-ui-1', owner: 'dep-ui-1', sourcedAt: today, splits: [{ repId: 'dep-ui-1', role: 'AE', share: '1.00' }],
  });
  expect(deal.status(), await deal.text()).toBeLessThan(300);
  const evidence = await apiCommand(request, '/deals/DEP-UI-1/artifacts', 'dep-ui-evidence', { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'dep-ui-1/award.pdf', effectiveDate: ahead(6) }, 'dep-ui-1', ['rep']);
  expect(evidence.status(), await evidence.text()).toBe(202);
  const departed = await apiCommand(request, '/reps/dep-ui-1/departure', 'dep-ui-departure', { effectiveDate: effective, goodStanding: true, reassignments: [{ dealId: 'DEP-UI-1', newOwner: 'ae-1' }] }, ...hr);
  expect(departed.status(), await departed.text()).toBe(202);
  await expect.poll(async () => (await (await apiGet(request, '/reps/dep-ui-1')).json()).departure?.effectiveDate).toBe(effective);

  await signInAs(page, 'demo-hr');
  await page.goto('reps/dep-ui-1');
  await page.getByRole('button', { name: 'Withdraw departure' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Withdraw departure' }).click();
  await expect(confirm.getByRole('alert')).toContainText(`evidence dated on or after ${effective} was recorded on DEP-UI-1`);
  await expectAccessible(page, 'withdraw departure refused');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('departure')).toContainText(`Leaves on ${effective}`);
  expect((await (await apiGet(request, '/reps/dep-ui-1')).json()).departure).toMatchObject({ effectiveDate: effective });
});

import { expect, test } from '@playwright/test';
import { apiGet, expectAccessible, screenshot, signInAs } from './support';

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

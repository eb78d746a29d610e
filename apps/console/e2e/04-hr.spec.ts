import { expect, test } from '@playwright/test';
import { apiGet, expectAccessible, screenshot, signInAs } from './support';

test('HR records a departure with a replacement for each of the rep\'s deals', async ({ page, request }) => {
  await signInAs(page, 'demo-hr');
  await page.goto('reps');
  await expect(page.getByTestId('reps')).toContainText('Blake Osei');
  await expectAccessible(page, 'rep directory');
  await screenshot(page, 'hr-reps');

  await page.getByRole('link', { name: 'Blake Osei' }).click();
  await page.getByRole('button', { name: 'Record departure' }).click();
  const dialog = page.getByRole('dialog');
  const effective = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('Effective date').fill(effective);
  for (const deal of ['DEMO-102', 'DEMO-104']) {
    await dialog.getByLabel(new RegExp(`New owner of ${deal}`)).click();
    await page.getByRole('option', { name: 'Avery Ellis (ae-1)' }).click();
  }
  await expectAccessible(page, 'departure dialog');
  await screenshot(page, 'hr-departure');
  await dialog.getByRole('button', { name: 'Record departure' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('departure')).toContainText(`Leaves on ${effective}`);

  const rep = await (await apiGet(request, '/reps/ae-2')).json();
  expect(rep.departure).toMatchObject({ effectiveDate: effective });
});

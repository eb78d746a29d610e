import { expect, test } from '@playwright/test';
import { API_URL, apiGet, apiPost, expectAccessible, screenshot, signInAs } from './support';

test('a rep sees their own statements and no one else\'s', async ({ page, request }) => {
  // A closed period, whatever ran before: closing is idempotent.
  const periods = await (await apiGet(request, '/periods')).json();
  const first = periods[0].period;
  const closed = await apiPost(request, `/periods/${first}/close`, {});
  expect(closed.status(), await closed.text()).toBe(200);

  await signInAs(page, 'ae-1');
  await page.goto('me/statements');
  await expect(page.getByTestId(`statement-ae-1-${first}`)).toBeVisible();
  await expect(page.getByTestId(`statement-ae-1-${first}`).getByTestId('draw-netting')).toContainText('Draw netting pays');
  await expect(page.locator('[data-testid^="statement-"]:not([data-testid^="statement-ae-1-"])')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['My statements', 'My deals', 'My attainment', 'My plan', 'My disputes', /^Alerts/]);
  await expectAccessible(page, 'my statements');
  await screenshot(page, 'rep-statements');

  // With the rep's own session, another rep's statements are refused by the API itself (another rep does not exist for them).
  const other = await page.request.get(`${API_URL}/reps/sl-1/statements`);
  expect([403, 404]).toContain(other.status());

  await page.getByRole('link', { name: 'My deals' }).click();
  await expect(page.getByTestId('deals')).toContainText('DEMO-101');
  // Exactly the deals ae-1 owns or has a split on, as the whole book (read as an admin) says.
  const book: Array<{ id: string; owner: string; splits: Array<{ repId: string }> }> = await (await apiGet(request, '/deals?limit=200')).json();
  const theirs = book.filter((d) => d.owner === 'ae-1' || d.splits.some((s) => s.repId === 'ae-1')).map((d) => d.id);
  await expect(page.getByTestId('deals').locator('tbody tr td:first-child')).toHaveText(theirs);
  await expectAccessible(page, 'my deals');
  await page.getByRole('link', { name: 'My attainment' }).click();
  await expect(page.getByRole('heading', { name: 'New business' })).toBeVisible();
  await expectAccessible(page, 'my attainment');
  await screenshot(page, 'rep-attainment');
});

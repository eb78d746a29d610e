import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bearer, API_URL, expectAccessible, screenshot, signInAs } from './support';

type PlanDocument = { repId: string; planId: string; hash: string; markdown: string };

/** docs/rules.md "Plan document and acknowledgement": the rep reads "My plan", downloads the PDF and acknowledges it. */
test('a rep reads their plan with their own draw, downloads the PDF and acknowledges exactly that document', async ({ page, request }) => {
  const rep = bearer('ae-1', ['rep']);
  const document: PlanDocument = await (await request.get(`${API_URL}/reps/ae-1/plan-document`, { headers: rep })).json();
  const profile = await (await request.get(`${API_URL}/reps/ae-1`, { headers: rep })).json();
  const before = await (await request.get(`${API_URL}/reps/ae-1/plan-acknowledgements`, { headers: rep })).json();

  await signInAs(page, 'ae-1');
  await page.goto('me/plan');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plan' }).waitFor();
  const article = page.getByRole('article', { name: `Plan ${document.planId}` });
  await expect(article.getByRole('heading', { name: `Compensation plan ${document.planId}` })).toBeVisible();
  await expect(article.getByRole('heading', { name: 'Your draw' })).toBeVisible();
  // The rep's own draw, formatted from its decimal string: 35000.00 → $35,000.00.
  const draw = `$${Number(profile.quarterlyDraw.split('.')[0]).toLocaleString('en-US')}.${profile.quarterlyDraw.split('.')[1]}`;
  await expect(article).toContainText(`Quarterly draw: ${draw}.`);
  await expect(article.getByRole('table').first()).toContainText('G1');
  await expect(page.getByTestId('document-hash')).toContainText(document.hash);
  await expectAccessible(page, 'my plan');

  // The PDF: the same document, its hash in the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`plan-${document.planId}-ae-1.pdf`);
  const pdf = readFileSync((await download.path())!).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  expect(pdf).toContain(`(sha256:${document.hash})`);

  if (!before.current.acknowledged) {
    await expect(page.getByTestId('acknowledged')).toHaveCount(0);
    await page.getByRole('button', { name: `Acknowledge plan ${document.planId}` }).click();
  }
  await expect(page.getByTestId('acknowledged')).toContainText(`You acknowledged plan ${document.planId}`);
  await expect(page.getByRole('button', { name: /Acknowledge plan/ })).toHaveCount(0);
  const after = await (await request.get(`${API_URL}/reps/ae-1/plan-acknowledgements`, { headers: rep })).json();
  expect(after.current).toMatchObject({ planId: document.planId, hash: document.hash, acknowledged: true });
  await expectAccessible(page, 'my plan acknowledged');
  await screenshot(page, 'rep-plan');
});

test('the manager sees on the rep profile whether the rep acknowledged their plan', async ({ page, request }) => {
  // The rep acknowledges their current document (idempotent: 201 the first time, 200 after).
  const rep = bearer('ae-1', ['rep']);
  const document: PlanDocument = await (await request.get(`${API_URL}/reps/ae-1/plan-document`, { headers: rep })).json();
  const ack = await request.post(`${API_URL}/reps/ae-1/plan-acknowledgements`, {
    headers: { ...rep, 'idempotency-key': `e2e-plan-ack-${document.hash}` },
    data: { planId: document.planId, hash: document.hash },
  });
  expect([200, 201], await ack.text()).toContain(ack.status());
  await signInAs(page, 'mgr-1');
  await page.goto('reps/ae-1');
  const status = page.getByTestId('plan-ack-status');
  await expect(status).toContainText(`Plan ${document.planId}`);
  await expect(status.getByText('Acknowledged', { exact: true })).toBeVisible();
  await expect(status).toContainText(document.hash);
  await expectAccessible(page, 'rep profile with plan acknowledgement');
});

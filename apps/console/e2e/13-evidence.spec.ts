import { APIRequestContext, expect, test } from '@playwright/test';
import { API_URL, apiCommand, apiGet, bearer, expectAccessible, screenshot, signInAs } from './support';

// The default plan's first document type per gate (libs/domain/plan.ts).
const DOCUMENT_OF: Record<string, string> = { G1: 'AWARD_LETTER', G2: 'SIGNED_WORK_ORDER', G3: 'IRB_APPROVAL_LETTER', G4: 'FIRST_PATIENT_IN_CONFIRMATION', G5: 'ENROLLMENT_REPORT' };
// The smallest file the API takes as a PDF (it tells the type by the content).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A deal of its own for each test, owned by ae-1 with its G1 open (created through the API), so this file does not
 * depend on what earlier specs did to the demo book.
 */
async function dealOfAe1(request: APIRequestContext, id: string) {
  const today = new Date().toISOString().slice(0, 10);
  const created = await apiCommand(request, '/deals', `deal-${id}`, {
    id, sponsor: 'Vela Therapeutics', program: `${id} Phase II`, tcv: '1200000.00', dealType: 'NEW_BUSINESS',
    sourcedBy: 'ae-1', owner: 'ae-1', sourcedAt: today, splits: [{ repId: 'ae-1', role: 'AE', share: '1.00' }],
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  return { deal: { id }, gate: { key: 'G1' } };
}

test('an uploaded evidence file shows in the desk queue and on the deal as a link with its SHA-256', async ({ page, request }) => {
  const rep = bearer('ae-1', ['rep']);
  const { deal, gate } = await dealOfAe1(request, 'EVID-UI-1');

  const upload = await request.post(`${API_URL}/deals/${deal.id}/artifacts`, {
    headers: rep,
    multipart: { file: { name: 'work-order.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const artifact = (await upload.json()) as { id: string; sha256: string };
  const today = new Date().toISOString().slice(0, 10);
  const submit = await request.post(`${API_URL}/deals/${deal.id}/artifacts`, {
    headers: { ...rep, 'idempotency-key': `e2e-evidence-${artifact.id}` },
    data: { gate: gate.key, documentType: DOCUMENT_OF[gate.key], artifactId: artifact.id, effectiveDate: today },
  });
  expect(submit.status(), await submit.text()).toBe(202);
  const { approvalId } = (await submit.json()) as { approvalId: string };

  await signInAs(page, 'demo-desk');
  await page.goto('queue');
  const row = page.locator(`[data-approval="${approvalId}"]`);
  const link = row.getByRole('link', { name: 'Open evidence (work-order.pdf)' });
  await expect(link).toHaveAttribute('href', `/deals/${deal.id}/artifacts/${artifact.id}`);
  await expect(row.getByTestId('evidence-sha256')).toHaveAttribute('title', `SHA-256 ${artifact.sha256}`);
  await expect(row.getByTestId('evidence-sha256')).toContainText(artifact.sha256.slice(0, 12));
  // The link works with the page's own session cookie: the same bytes come back.
  const file = await page.request.get(new URL(`/deals/${deal.id}/artifacts/${artifact.id}`, API_URL).toString());
  expect(file.status()).toBe(200);
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
  await expectAccessible(page, 'queue with evidence');
  await screenshot(page, 'deal-desk-evidence');

  await page.goto(`deals/${deal.id}`);
  await expect(page.getByTestId('pending-approvals').getByRole('link', { name: 'Open evidence (work-order.pdf)' })).toBeVisible();
});

test('the rep uploads an evidence file with the submission form, and the deal shows it pending with its hash', async ({ page, request }) => {
  const { deal, gate } = await dealOfAe1(request, 'EVID-UI-2');
  await signInAs(page, 'ae-1');
  await page.goto(`deals/${deal.id}`);
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Gate' }).click();
  await page.getByRole('option', { name: new RegExp(`^${gate.key}`) }).click();
  await dialog.getByLabel('Document type').fill(DOCUMENT_OF[gate.key]);
  await dialog.getByLabel('Effective date').fill(new Date().toISOString().slice(0, 10));
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'site-evidence.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expectAccessible(page, 'evidence submission dialog');
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(dialog).toBeHidden();
  const pending = page.getByTestId('pending-approvals');
  await expect(pending.getByRole('link', { name: 'Open evidence (site-evidence.pdf)' })).toBeVisible();
  const stored = (await (await apiGet(request, `/deals/${deal.id}`)).json()) as { pending: Array<{ gate?: string; artifact?: { sha256: string; filename: string } }> };
  const item = stored.pending.find((p) => p.gate === gate.key);
  expect(item?.artifact?.filename).toBe('site-evidence.pdf');
  await expect(pending.getByTestId('evidence-sha256')).toHaveAttribute('title', `SHA-256 ${item!.artifact!.sha256}`);
});

import { expect, test } from '@playwright/test';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { API_URL, apiGet, bearer, expectAccessible, screenshot, signInAs } from './support';

/** A subscriber on this machine: the stack's worker posts to it; each request is checked with the shown secret. */
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
let server: Server;
let receiverUrl = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tranche`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const subscriptions = async (request: Parameters<typeof apiGet>[0]) => (await (await apiGet(request, '/webhooks')).json()) as Array<{ id: string; url: string }>;

test('a comp admin subscribes a URL, sees the secret once, follows deliveries, replays and disables', async ({ page, request }) => {
  await signInAs(page, 'demo-admin');
  await page.goto('webhooks');
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

  // A URL with credentials is refused on its field; nothing is created.
  const before = (await subscriptions(request)).length;
  await page.getByRole('button', { name: 'New subscription' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('URL').fill('http://user:secret@example.com/hook');
  // Every event type the API accepts can be chosen, the latest added among them.
  await expect(dialog.getByRole('checkbox')).toHaveCount(14);
  await expect(dialog.getByLabel('tranche.dispute.resolved')).toBeVisible();
  await dialog.getByLabel('tranche.deal.killed').check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'webhook dialog with errors');
  expect((await subscriptions(request)).length).toBe(before);

  await dialog.getByLabel('URL').fill(receiverUrl);
  await dialog.getByLabel('Description (optional)').fill('browser test receiver');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await expectAccessible(page, 'webhook secret shown once');
  await page.getByRole('button', { name: 'Done' }).click();
  const created = (await subscriptions(request)).find((s) => s.url === receiverUrl)!;
  expect(created).toBeTruthy();
  const row = page.getByTestId('webhooks').locator(`[data-webhook="${created.id}"]`);
  await expect(row).toContainText('ACTIVE');
  await expect(row).toContainText('tranche.deal.killed');

  // An event: a deal created and killed today. The receiver gets it, signed with the secret shown above.
  const today = new Date().toISOString().slice(0, 10);
  const dealId = `WHK-${Date.now().toString(36)}`;
  const deal = { id: dealId, sponsor: 'Helix Bio', program: 'Webhook check', tcv: '100000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'ae-1', owner: 'ae-1', sourcedAt: today, splits: [{ repId: 'ae-1', role: 'AE', share: '1.00' }] };
  const send = (path: string, data: unknown) =>
    request.post(`${API_URL}${path}`, { headers: { ...bearer('e2e-admin', ['comp_admin']), 'idempotency-key': `e2e-webhooks:${path}` }, data });
  const createdDeal = await send('/deals', deal);
  expect(createdDeal.status(), await createdDeal.text()).toBe(201);
  const kill = await send(`/deals/${dealId}/kill`, { reason: 'webhook browser test', effectiveDate: today });
  expect(kill.status(), await kill.text()).toBe(200);
  await expect.poll(() => received.filter((r) => JSON.parse(r.body).subject === `deal/${dealId}`).length, { timeout: 30_000 }).toBe(1);
  const delivery = received.find((r) => JSON.parse(r.body).subject === `deal/${dealId}`)!;
  expect(new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>)).toMatchObject({ type: 'tranche.deal.killed', data: { dealId } });
  const eventId = String(delivery.headers['webhook-id']);

  await row.getByRole('button', { name: `Deliveries ${created.id}` }).click();
  const log = page.getByRole('dialog').getByTestId('deliveries');
  await expect(log).toContainText(eventId);
  await expect(log).toContainText('DELIVERED');
  await expectAccessible(page, 'webhook delivery log');
  await screenshot(page, 'admin-webhook-deliveries');
  await log.getByRole('button', { name: `Replay from ${eventId.slice(0, 12)}` }).first().click();
  await expect.poll(() => received.filter((r) => r.headers['webhook-id'] === eventId).length, { timeout: 30_000 }).toBe(2);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await row.getByRole('button', { name: `Disable ${created.id}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('DISABLED');
  await expectAccessible(page, 'webhooks with a disabled subscription');
});

import { WorkflowNotFoundError } from '@temporalio/client';
import jwt from 'jsonwebtoken';
import { PERIOD_SCHEDULER_WORKFLOW_ID } from '../libs/contracts';
import { addDays, compareDates, IsoDate, periodOf, periodStart, addMonths, yearOf } from '../libs/domain';
import { loadConfig } from '../libs/platform/config';
import { connectClient } from '../libs/platform/temporal-connection';

/**
 * The demo book: 3 reps and 5 deals at different gates, created through the HTTP API like any client would.
 * Every POST carries an Idempotency-Key, so running it again changes nothing. Dates fall in the current
 * quarter (or before it for hires and sourcing), so they pass the future-date guard and open-period checks.
 */
const base = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;
const secret = process.env.AUTH_JWT_SECRET ?? 'tranche-dev-secret-change-me';
const token = (sub: string, roles: string[]) => jwt.sign({ sub, roles }, secret, { algorithm: 'HS256', expiresIn: '1h' });
const as = {
  admin: token('demo-admin', ['comp_admin', 'manager']),
  hr: token('demo-hr', ['hr']),
  desk: token('demo-desk', ['deal_desk']),
  finance: token('demo-finance', ['finance']),
  rep: (id: string) => token(id, ['rep']),
};

async function post(path: string, who: string, key: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json', 'idempotency-key': `demo:${key}` },
    body: JSON.stringify(body),
  });
  const json: any = await res.json();
  if (res.status >= 400) throw new Error(`POST ${path} → ${res.status}: ${json.detail ?? JSON.stringify(json)}`);
  return json;
}

/**
 * Under the wall clock the API starts the period scheduler, which closes a quarter past its grace as soon as the book
 * has something in it. The demo dates hires and sourcing into such quarters, so it first waits until the scheduler has
 * looked at the book (empty, or already closed up to date) and gone to sleep on a timer (the next look is a day
 * later, docs/rules.md "Periods and closing"), instead of racing its first look. No scheduler (manual clock): no wait.
 */
async function waitForIdleScheduler(timeoutMs = 60_000): Promise<void> {
  const config = loadConfig(process.env);
  if (config.businessClock !== 'wall') return;
  const client = await connectClient(config.temporal);
  try {
    const handle = client.workflow.getHandle(PERIOD_SCHEDULER_WORKFLOW_ID);
    for (const deadline = Date.now() + timeoutMs; ; ) {
      const history = await handle.fetchHistory();
      if ((history.events ?? []).some((e) => e.timerStartedEventAttributes)) return;
      if (Date.now() > deadline) throw new Error(`the period scheduler did not go idle within ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  } finally {
    await client.connection.close();
  }
}

async function main(): Promise<void> {
  await waitForIdleScheduler();
  const today = new Date().toISOString().slice(0, 10);
  const quarterStart = periodStart(periodOf(today));
  const day = (offset: number): IsoDate => {
    const d = addDays(quarterStart, offset);
    return compareDates(d, today) > 0 ? today : d;
  };
  const before = (months: number): IsoDate => addMonths(quarterStart, -months);
  const planFrom = `${yearOf(before(12))}-01-01`;

  await post('/plans', as.admin, 'plan', { id: 'demo-plan', effectiveFrom: planFrom, params: {} });
  await post('/plans/demo-plan/publish', as.admin, 'plan-publish', {});
  const reps = [
    { id: 'ae-1', name: 'Avery Ellis', role: 'AE', hireDate: before(9), quarterlyDraw: '35000.00', planId: 'demo-plan', managerId: 'mgr-1' },
    { id: 'ae-2', name: 'Blake Osei', role: 'AE', hireDate: before(6), quarterlyDraw: '50000.00', planId: 'demo-plan', managerId: 'mgr-1' },
    { id: 'sl-1', name: 'Dr. Sam Lindqvist', role: 'SCIENTIFIC_LIAISON', hireDate: before(9), quarterlyDraw: '20000.00', planId: 'demo-plan', managerId: 'mgr-1' },
  ];
  for (const r of reps) await post('/reps', as.hr, `rep-${r.id}`, r);

  const deal = (id: string, sponsor: string, program: string, tcv: string, dealType: string, owner: string, sourcedAt: IsoDate, splits: unknown[]) =>
    post('/deals', as.admin, `deal-${id}`, { id, sponsor, program, tcv, dealType, sourcedBy: owner, owner, sourcedAt, splits });
  const solo = (repId: string) => [{ repId, role: 'AE', share: '1.00' }];
  await deal('DEMO-101', 'Helix Bio', 'HX-301 Phase III oncology', '4500000.00', 'NEW_BUSINESS', 'ae-1', before(6), solo('ae-1'));
  await deal('DEMO-102', 'Norvane Pharma', 'NV-12 Phase II cardiology', '2400000.00', 'NEW_BUSINESS', 'ae-2', before(5), solo('ae-2'));
  await deal('DEMO-103', 'Aurelia Therapeutics', 'AU-7 Phase III rare disease', '6000000.00', 'NEW_BUSINESS', 'ae-1', before(8), [
    { repId: 'ae-1', role: 'AE', share: '0.70' },
    { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.30' },
  ]);
  await deal('DEMO-104', 'Norvane Pharma', 'NV-12 extension: long-term follow-up', '1200000.00', 'EXPANSION', 'ae-2', before(2), solo('ae-2'));
  await deal('DEMO-105', 'Kestrel Labs', 'KL-2 Phase I first-in-human', '800000.00', 'NEW_BUSINESS', 'ae-1', before(4), solo('ae-1'));

  const gate = async (dealId: string, rep: string, gateKey: string, documentType: string, offset: number, approve = true) => {
    const submitted = await post(`/deals/${dealId}/artifacts`, as.rep(rep), `${dealId}-${gateKey}`, {
      gate: gateKey, documentType, documentRef: `${dealId}/${documentType.toLowerCase()}.pdf`, effectiveDate: day(offset),
    });
    if (approve) await post(`/approvals/${submitted.approvalId}/approve`, as.desk, `${dealId}-${gateKey}-approve`, { note: 'artifact verified' });
  };
  await gate('DEMO-101', 'ae-1', 'G1', 'AWARD_LETTER', 0);
  await gate('DEMO-101', 'ae-1', 'G2', 'SIGNED_WORK_ORDER', 3, false);
  await gate('DEMO-102', 'ae-2', 'G1', 'LOI', 1);
  await gate('DEMO-102', 'ae-2', 'G2', 'SIGNED_WORK_ORDER', 4);
  await gate('DEMO-103', 'ae-1', 'G1', 'AWARD_LETTER', 0);
  await gate('DEMO-103', 'ae-1', 'G2', 'SIGNED_WORK_ORDER', 2);
  await gate('DEMO-103', 'sl-1', 'G3', 'IRB_APPROVAL_LETTER', 5);
  const designIn = await post('/deals/DEMO-103/bonus-events', as.rep('sl-1'), 'DEMO-103-design-in', {
    type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'DEMO-103/protocol-v3-signoff.pdf', effectiveDate: day(1), recipients: [{ repId: 'sl-1', share: '1.00' }],
  });
  await post(`/approvals/${designIn.approvalId}/approve`, as.desk, 'DEMO-103-design-in-approve', { note: 'protocol design-in confirmed' });
  await post('/deals/DEMO-103/bonus-events', as.rep('ae-1'), 'DEMO-103-sites', {
    type: 'SITE_ACTIVATION', quantity: 2, evidenceRef: 'DEMO-103/site-activation-log.csv', effectiveDate: day(6),
  });
  await post('/deals/DEMO-104/slip', as.admin, 'DEMO-104-slip', { expectedDate: addMonths(quarterStart, 5), reason: 'sponsor budget cycle moved' });
  await gate('DEMO-105', 'ae-1', 'G1', 'AWARD_LETTER', 2);
  await post('/deals/DEMO-105/kill', as.admin, 'DEMO-105-kill', { reason: 'sponsor stopped the program after a safety signal', effectiveDate: day(7) });

  const res = await fetch(`${base}/deals`, { headers: { authorization: `Bearer ${as.admin}` } });
  const deals = (await res.json()) as Array<{ id: string; status: string; tcv: string; creditRetired: string; gates: Array<{ key: string; status: string }> }>;
  console.log('[demo] book loaded:');
  for (const d of deals) {
    console.log(`[demo]   ${d.id.padEnd(9)} ${d.status.padEnd(7)} tcv ${d.tcv.padStart(11)} retired ${d.creditRetired.padStart(11)}  ${d.gates.map((g) => `${g.key}:${g.status}`).join(' ')}`);
  }
}

main().catch((err) => {
  console.error(`[demo] failed: ${err.message}`);
  process.exit(1);
});

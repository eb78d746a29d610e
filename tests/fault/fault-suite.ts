import { Dec, Money, REFERENCE_PLAN_PARAMS } from '../../libs/domain';
import { ApiClient } from '../support/api';
import { Stack } from '../support/processes';

/**
 * `npm run test:fault`: three faults injected into a real engine (compiled worker and API, a Temporal dev server and
 * a PostgreSQL cluster of its own) in the middle of a burst of 200 approvals over 50 deals each:
 *   worker crash (SIGKILL, then a new worker), Temporal restart, PostgreSQL stopped for 30 s, and scale-out: two
 *   workers and two API processes behind a round-robin client, one of each SIGKILLed mid-burst.
 * After each burst the ledger must be exact to the cent, no posting doubled, every approval acknowledged or cleanly
 * refused, and every deal's workflow state must agree with the ledger.
 */
const DEALS = Number(process.env.FAULT_DEALS ?? 50);
const GATES = ['G1', 'G2', 'G3', 'G4'] as const;
const DOCS: Record<string, string> = { G1: 'AWARD_LETTER', G2: 'SIGNED_WORK_ORDER', G3: 'IRB_APPROVAL_LETTER', G4: 'FIRST_PATIENT_IN_CONFIRMATION' };
const EFFECTIVE: Record<string, string> = { G1: '2027-02-10', G2: '2027-03-10', G3: '2027-04-10', G4: '2027-05-10' };
const CONCURRENCY = 10;
const OUTAGE_MS = Number(process.env.FAULT_PG_OUTAGE_MS ?? 30_000);

const stack = new Stack({ name: 'fault', temporalPort: 7500, apiPort: 3500, postgres: { cluster: 'pg-fault', port: 55532 } });
const admin = stack.api.token('fault-admin', 'comp_admin', 'manager', 'finance');
const desk = stack.api.token('fault-desk', 'deal_desk');
const rep = (id: string) => stack.api.token(id, 'rep');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = 'ack' | 'refused' | 'failed';

/** The API replicas requests go to, round-robin (a load balancer without health checks: a dead replica stays in). */
let replicas: ApiClient[] = [stack.api];
let turn = 0;

/**
 * A client that does what a careful integrator does: retries 503s and dropped connections with the same
 * Idempotency-Key, each retry on the next replica.
 */
async function send(method: 'GET' | 'POST', path: string, token: string, body?: unknown, key?: string): Promise<{ status: number; body: any }> {
  let last: { status: number; body: any } = { status: 0, body: undefined };
  const first = turn++;
  for (let attempt = 0; attempt < 120; attempt++) {
    const client = replicas[(first + attempt) % replicas.length];
    try {
      last = await client.request(method, path, { token }, { body, headers: key ? { 'idempotency-key': key } : {} });
      if (last.status !== 503 && last.status !== 502) return last;
    } catch (err) {
      last = { status: 0, body: String(err) };
      if (replicas.length > 1 && attempt < replicas.length) continue;
    }
    await sleep(Math.min(1000, 100 * 2 ** attempt));
  }
  return last;
}

const post = (path: string, token: string, body: unknown, key: string) => send('POST', path, token, body, key);

async function setUp(): Promise<void> {
  let step = 0;
  const ok = async (path: string, body: unknown, token = admin) => {
    const res = await post(path, token, body, `setup:${step++}`);
    if (res.status >= 300) throw new Error(`setup ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok('/plans', { id: 'fault-plan', effectiveFrom: '2027-01-01', params: {} });
  await ok('/plans/fault-plan/publish', {});
  for (let r = 0; r < 5; r++) await ok('/reps', { id: `fr-${r}`, name: `Rep ${r}`, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '40000.00', planId: 'fault-plan' });
}

const tcvOf = (i: number) => Money.format(new Dec(750_000).plus(new Dec(i).times('12345.67')));

async function createDeals(scenario: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < DEALS; i++) {
    const id = `${scenario}-${i}`;
    const owner = `fr-${i % 5}`;
    const res = await post('/deals', admin, {
      id, sponsor: 'Sponsor', program: `Program ${i}`, tcv: tcvOf(i), dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2027-01-15',
      splits: [{ repId: owner, role: 'AE', share: '0.75' }, { repId: `fr-${(i + 1) % 5}`, role: 'SCIENTIFIC_LIAISON', share: '0.25' }],
    }, `create:${id}`);
    if (res.status >= 300) throw new Error(`create ${id} → ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(id);
  }
  return ids;
}

/** Submits and approves G1..G4 on every deal; `onProgress` sees the count of acknowledged approvals. */
async function burst(deals: string[], onProgress: (acked: number) => void): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let acked = 0;
  let next = 0;
  const owners = new Map(deals.map((d, i) => [d, `fr-${i % 5}`]));
  const lane = async () => {
    while (next < deals.length) {
      const deal = deals[next++];
      for (const gate of GATES) {
        const submitted = await post(`/deals/${deal}/artifacts`, rep(owners.get(deal)!), { gate, documentType: DOCS[gate], documentRef: `${deal}/${gate}.pdf`, effectiveDate: EFFECTIVE[gate] }, `submit:${deal}:${gate}`);
        if (submitted.status !== 202) {
          outcomes.set(`${deal}:${gate}`, submitted.status >= 400 && submitted.status < 500 ? 'refused' : 'failed');
          console.error(`[fault]   submit ${deal} ${gate} → ${submitted.status} ${JSON.stringify(submitted.body)}`);
          break;
        }
        const approved = await post(`/approvals/${submitted.body.approvalId}/approve`, desk, { note: 'fault burst' }, `approve:${deal}:${gate}`);
        const outcome: Outcome = approved.status === 200 ? 'ack' : approved.status >= 400 && approved.status < 500 && approved.body?.code ? 'refused' : 'failed';
        outcomes.set(`${deal}:${gate}`, outcome);
        if (outcome !== 'ack') {
          console.error(`[fault]   approve ${deal} ${gate} → ${approved.status} ${JSON.stringify(approved.body)}`);
          break;
        }
        onProgress(++acked);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return outcomes;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The ledger, the gate retirements and each deal workflow's own state must all agree, to the cent. */
async function verify(scenario: string, deals: string[], outcomes: Map<string, Outcome>): Promise<Check[]> {
  const checks: Check[] = [];
  const failed = [...outcomes.entries()].filter(([, o]) => o === 'failed');
  const acked = [...outcomes.values()].filter((o) => o === 'ack').length;
  checks.push({ name: 'every approval acknowledged or cleanly refused', ok: failed.length === 0 && outcomes.size === deals.length * GATES.length, detail: `${acked} acknowledged, ${outcomes.size - acked - failed.length} refused, ${failed.length} failed of ${deals.length * GATES.length}` });

  let expectedCredit = new Dec(0);
  let expectedCommission = new Dec(0);
  let workflowCredit = new Dec(0);
  let retiredGates = 0;
  for (const [i, deal] of deals.entries()) {
    const state = await send('GET', `/deals/${deal}`, admin);
    for (const g of state.body.gates ?? []) {
      if (g.status !== 'RETIRED') continue;
      retiredGates += 1;
      workflowCredit = workflowCredit.plus(g.credit);
      const weight = REFERENCE_PLAN_PARAMS.gates.find((d) => d.key === g.key)!.weight;
      const gateCredit = new Dec(weight).times(tcvOf(i));
      for (const share of ['0.75', '0.25']) {
        expectedCredit = expectedCredit.plus(Money.format(gateCredit.times(share)));
        expectedCommission = expectedCommission.plus(Money.format(gateCredit.times(share).times('0.04')));
      }
    }
  }
  const [ledger] = await stack.query(
    `SELECT count(*) FILTER (WHERE kind = 'QUOTA_CREDIT') AS credits, count(*) FILTER (WHERE kind = 'GATE_COMMISSION') AS commissions,
            coalesce(sum(amount) FILTER (WHERE kind = 'QUOTA_CREDIT'), 0) AS credit, coalesce(sum(amount) FILTER (WHERE kind = 'GATE_COMMISSION'), 0) AS commission,
            count(DISTINCT (deal_id, reference, rep_id, kind)) AS distinct_postings, count(*) AS postings
     FROM ledger_entries WHERE deal_id LIKE $1`,
    [`${scenario}-%`],
  );
  const [retirements] = await stack.query(`SELECT count(*) AS n, coalesce(sum(credit), 0) AS credit FROM gate_retirements WHERE deal_id LIKE $1`, [`${scenario}-%`]);
  checks.push({ name: 'workflows retired every acknowledged gate', ok: retiredGates === acked, detail: `${retiredGates} gates retired in the workflows, ${acked} approvals acknowledged` });
  checks.push({ name: 'one posting per recipient per retired gate', ok: Number(ledger.credits) === 2 * retiredGates && Number(ledger.commissions) === 2 * retiredGates, detail: `${ledger.credits} credit and ${ledger.commissions} commission rows for ${retiredGates} gates × 2 recipients` });
  checks.push({ name: 'no posting doubled', ok: Number(ledger.distinct_postings) === Number(ledger.postings), detail: `${ledger.postings} postings, ${ledger.distinct_postings} distinct` });
  checks.push({ name: 'ledger credit exact to the cent', ok: new Dec(ledger.credit).equals(expectedCredit), detail: `ledger ${Money.format(ledger.credit)}, expected ${Money.format(expectedCredit)}` });
  checks.push({ name: 'ledger commission exact to the cent', ok: new Dec(ledger.commission).equals(expectedCommission), detail: `ledger ${Money.format(ledger.commission)}, expected ${Money.format(expectedCommission)}` });
  checks.push({ name: 'gate retirements match workflow state', ok: Number(retirements.n) === retiredGates && new Dec(retirements.credit).equals(workflowCredit), detail: `${retirements.n} rows, ${Money.format(retirements.credit)} vs workflows ${Money.format(workflowCredit)}` });
  return checks;
}

async function scenario(name: string, fault: () => Promise<string[]>): Promise<{ name: string; checks: Check[]; seconds: number }> {
  console.log(`[fault] ${name}: creating ${DEALS} deals`);
  const deals = await createDeals(name);
  const started = Date.now();
  let injected: Promise<string[]> | undefined;
  console.log(`[fault] ${name}: burst of ${DEALS * GATES.length} approvals`);
  const outcomes = await burst(deals, (acked) => {
    if (!injected && acked >= Math.floor((DEALS * GATES.length) / 4)) injected = fault();
  });
  const faultNotes = injected ? await injected : ['fault never injected'];
  const checks = await verify(name, deals, outcomes);
  for (const note of faultNotes) checks.unshift({ name: 'fault injected', ok: !note.startsWith('FAILED'), detail: note });
  return { name, checks, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  console.log('[fault] starting a stack of its own: PostgreSQL :55532, Temporal :7500, API :3500');
  await stack.start();
  await setUp();
  const results = [];
  results.push(
    await scenario('worker-crash', async () => {
      const pid = stack.workerPid;
      stack.killWorker();
      await sleep(2000);
      stack.startWorker();
      return [`SIGKILL worker pid ${pid}; new worker pid ${stack.workerPid} 2 s later`];
    }),
  );
  results.push(
    await scenario('temporal-restart', async () => {
      const t0 = Date.now();
      stack.temporal('restart');
      return [`dev server restarted (same SQLite file) in ${Date.now() - t0} ms`];
    }),
  );
  results.push(
    await scenario('postgres-outage', async () => {
      stack.postgres('stop');
      const t0 = Date.now();
      const seen: string[] = [];
      while (Date.now() - t0 < OUTAGE_MS) {
        const res = await fetch(`${stack.baseUrl}/health`).then(async (r) => `${r.status} ${((await r.json()) as { detail?: string }).detail ?? ''}`, (e) => `error ${e}`);
        if (!seen.includes(res)) seen.push(res);
        await sleep(1000);
      }
      stack.postgres('ensure');
      const named = seen.some((s) => s.startsWith('503') && s.includes('PostgreSQL'));
      return [`${named ? '' : 'FAILED: '}PostgreSQL stopped for ${Math.round((Date.now() - t0) / 1000)} s; /health answered: ${seen.join(' | ')}`];
    }),
  );
  await stack.startApi(1);
  stack.startWorker(1);
  replicas = [stack.apiClient(0), stack.apiClient(1)];
  results.push(
    await scenario('scale-out', async () => {
      const [worker, api] = [stack.workerPidOf(0), stack.apiPidOf(0)];
      stack.killWorker(0);
      stack.killApi(0);
      return [`two workers and two APIs; SIGKILL worker pid ${worker} and API pid ${api} mid-burst, the others carry on alone`];
    }),
  );
  await stack.stop();
  stack.postgres('stop');

  let failures = 0;
  console.log('\n| scenario | check | result | detail |\n|---|---|---|---|');
  for (const r of results) {
    for (const c of r.checks) {
      if (!c.ok) failures += 1;
      console.log(`| ${r.name} (${r.seconds.toFixed(0)} s) | ${c.name} | ${c.ok ? 'ok' : 'FAILED'} | ${c.detail} |`);
    }
  }
  const total = results.reduce((n, r) => n + r.checks.length, 0);
  console.log(`\nfault: ${total - failures} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch(async (err) => {
  console.error('[fault] suite crashed:', err);
  await stack.stop().catch(() => undefined);
  process.exit(1);
});

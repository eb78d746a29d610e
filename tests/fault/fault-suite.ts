import { Dec, Money, REFERENCE_PLAN_PARAMS } from '../../libs/domain';
import { ApiClient } from '../support/api';
import { Stack } from '../support/processes';

/**
 * `npm run test:fault`: faults injected into a real engine (compiled worker and API, a Temporal dev server and
 * a PostgreSQL cluster of its own) in the middle of a burst of 200 approvals over 50 deals each:
 *   worker crash (SIGKILL, then a new worker), Temporal restart, PostgreSQL stopped for 30 s, and scale-out: two
 *   workers and two API processes behind a round-robin client, one of each SIGKILLed mid-burst.
 * After each burst the ledger must be exact to the cent, no posting doubled, every approval acknowledged or cleanly
 * refused, and every deal's workflow state must agree with the ledger.
 * Two business races follow (docs/rules.md "Business time and attribution", "Late approvals"): a departure recorded
 * mid-burst (each rep's net postings exact, credit by date whatever the processing order) and a period close racing the
 * approvals dated in it (each posted once, in that period or late in the next; the statements equal the ledger).
 * `FAULT_SCENARIOS=a,b` runs only the named scenarios (in the suite's order); unset, all of them.
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
const hr = stack.api.token('fault-hr', 'hr');
const rep = (id: string) => stack.api.token(id, 'rep');
const SELECTED = process.env.FAULT_SCENARIOS ? new Set(process.env.FAULT_SCENARIOS.split(',').map((x) => x.trim())) : undefined;
const selected = (name: string) => !SELECTED || SELECTED.has(name);
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

/** Five reps of a scenario's own (`<prefix>-0..4`), so its departure or close leaves the others' reps alone. */
async function createReps(prefix: string, extra: string[] = []): Promise<void> {
  for (const id of [...Array.from({ length: 5 }, (_, r) => `${prefix}-${r}`), ...extra]) {
    const res = await post('/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '40000.00', planId: 'fault-plan' }, `rep:${id}`);
    if (res.status >= 300) throw new Error(`rep ${id} → ${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function createDeals(scenario: string, reps = 'fr'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < DEALS; i++) {
    const id = `${scenario}-${i}`;
    const owner = `${reps}-${i % 5}`;
    const res = await post('/deals', admin, {
      id, sponsor: 'Sponsor', program: `Program ${i}`, tcv: tcvOf(i), dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2027-01-15',
      splits: [{ repId: owner, role: 'AE', share: '0.75' }, { repId: `${reps}-${(i + 1) % 5}`, role: 'SCIENTIFIC_LIAISON', share: '0.25' }],
    }, `create:${id}`);
    if (res.status >= 300) throw new Error(`create ${id} → ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(id);
  }
  return ids;
}

/**
 * Submits and approves G1..G4 on every deal; `onProgress` sees the count of acknowledged approvals. The owner submits,
 * or `submitter` (a comp admin, when the owner may depart mid-burst).
 */
async function burst(deals: string[], onProgress: (acked: number) => void, options: { reps?: string; submitter?: string } = {}): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let acked = 0;
  let next = 0;
  const owners = new Map(deals.map((d, i) => [d, `${options.reps ?? 'fr'}-${i % 5}`]));
  const lane = async () => {
    while (next < deals.length) {
      const deal = deals[next++];
      for (const gate of GATES) {
        const submitted = await post(`/deals/${deal}/artifacts`, options.submitter ?? rep(owners.get(deal)!), { gate, documentType: DOCS[gate], documentRef: `${deal}/${gate}.pdf`, effectiveDate: EFFECTIVE[gate] }, `submit:${deal}:${gate}`);
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
async function verify(
  scenario: string,
  deals: string[],
  outcomes: Map<string, Outcome>,
  options: { gates?: readonly string[]; reattributed?: boolean } = {},
): Promise<Check[]> {
  const checks: Check[] = [];
  const gates = options.gates ?? GATES;
  const failed = [...outcomes.entries()].filter(([, o]) => o === 'failed');
  const acked = [...outcomes.values()].filter((o) => o === 'ack').length;
  checks.push({ name: 'every approval acknowledged or cleanly refused', ok: failed.length === 0 && outcomes.size === deals.length * gates.length, detail: `${acked} acknowledged, ${outcomes.size - acked - failed.length} refused, ${failed.length} failed of ${deals.length * gates.length}` });

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
  if (options.reattributed) {
    // a departure recorded late adds a reversal and a re-post per moved posting: count the postings that stand
    const [standing] = await stack.query(
      `SELECT count(*) FILTER (WHERE kind = 'QUOTA_CREDIT') AS credits, count(*) FILTER (WHERE kind = 'GATE_COMMISSION') AS commissions
         FROM ledger_entries e WHERE deal_id LIKE $1 AND details->>'reversalOf' IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.idempotency_key = e.idempotency_key || ':reversal')`,
      [`${scenario}-%`],
    );
    checks.push({ name: 'one standing posting per recipient per retired gate', ok: Number(standing.credits) === 2 * retiredGates && Number(standing.commissions) === 2 * retiredGates, detail: `${standing.credits} credit and ${standing.commissions} commission rows stand for ${retiredGates} gates × 2 recipients (${ledger.postings} rows with reversals and re-posts)` });
  } else {
    checks.push({ name: 'one posting per recipient per retired gate', ok: Number(ledger.credits) === 2 * retiredGates && Number(ledger.commissions) === 2 * retiredGates, detail: `${ledger.credits} credit and ${ledger.commissions} commission rows for ${retiredGates} gates × 2 recipients` });
    checks.push({ name: 'no posting doubled', ok: Number(ledger.distinct_postings) === Number(ledger.postings), detail: `${ledger.postings} postings, ${ledger.distinct_postings} distinct` });
  }
  checks.push({ name: 'ledger credit exact to the cent', ok: new Dec(ledger.credit).equals(expectedCredit), detail: `ledger ${Money.format(ledger.credit)}, expected ${Money.format(expectedCredit)}` });
  checks.push({ name: 'ledger commission exact to the cent', ok: new Dec(ledger.commission).equals(expectedCommission), detail: `ledger ${Money.format(ledger.commission)}, expected ${Money.format(expectedCommission)}` });
  checks.push({ name: 'gate retirements match workflow state', ok: Number(retirements.n) === retiredGates && new Dec(retirements.credit).equals(workflowCredit), detail: `${retirements.n} rows, ${Money.format(retirements.credit)} vs workflows ${Money.format(workflowCredit)}` });
  return checks;
}

type Result = { name: string; checks: Check[]; seconds: number };

async function scenario(name: string, fault: () => Promise<string[]>): Promise<Result> {
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

const DEPARTURE_DATE = '2027-03-20';

/**
 * A departure recorded mid-burst: rep dm-0 (owner of every fifth deal, scientific liaison on the deals before them)
 * departs effective 2027-03-20, between G2 (03-10) and G3 (04-10), naming dm-heir on the deals they own. Whatever
 * the order in which approvals and the departure are processed, G1 and G2 credit dm-0, G3 and G4 credit dm-heir (as
 * owner) or the deal's owner (the liaison share passes to them); postings made before the departure was recorded are
 * reversed and re-posted. Each rep's net credit and commission must be exact to the cent.
 */
async function departureMidBurst(): Promise<Result> {
  const name = 'departure-mid-burst';
  await createReps('dm', ['dm-heir']);
  console.log(`[fault] ${name}: creating ${DEALS} deals`);
  const deals = await createDeals(name, 'dm');
  const owned = deals.filter((_, i) => i % 5 === 0);
  const started = Date.now();
  let recorded: Promise<string[]> | undefined;
  const depart = async () => {
    const res = await post('/reps/dm-0/departure', hr, {
      effectiveDate: DEPARTURE_DATE, goodStanding: true, reassignments: owned.map((dealId) => ({ dealId, newOwner: 'dm-heir' })),
    }, 'depart:dm-0');
    return [`${res.status === 202 ? '' : 'FAILED: '}departure of dm-0 effective ${DEPARTURE_DATE} recorded mid-burst → ${res.status}`];
  };
  console.log(`[fault] ${name}: burst of ${DEALS * GATES.length} approvals, the departure recorded a quarter of the way in`);
  const outcomes = await burst(deals, (acked) => {
    if (!recorded && acked >= Math.floor((DEALS * GATES.length) / 4)) recorded = depart();
  }, { reps: 'dm', submitter: admin });
  const checks = await verify(name, deals, outcomes, { reattributed: true });
  for (const note of recorded ? await recorded : ['FAILED: departure never recorded']) checks.unshift({ name: 'fault injected', ok: !note.startsWith('FAILED'), detail: note });

  // Who should hold each share of each retired gate, by the artifact's date, and what they should net.
  const expected = new Map<string, Dec>();
  const add = (repId: string, kind: string, amount: string) => expected.set(`${repId} ${kind}`, (expected.get(`${repId} ${kind}`) ?? new Dec(0)).plus(amount));
  let ownersMoved = 0;
  for (const [i, deal] of deals.entries()) {
    const state = await send('GET', `/deals/${deal}`, admin);
    if (i % 5 === 0 && state.body.owner === 'dm-heir') ownersMoved += 1;
    for (const g of state.body.gates ?? []) {
      if (g.status !== 'RETIRED') continue;
      const after = g.retiredAt >= DEPARTURE_DATE;
      const owner = `dm-${i % 5}`;
      const liaison = `dm-${(i + 1) % 5}`;
      const gateCredit = new Dec(REFERENCE_PLAN_PARAMS.gates.find((d) => d.key === g.key)!.weight).times(tcvOf(i));
      for (const [holder, share, successor] of [[owner, '0.75', 'dm-heir'], [liaison, '0.25', owner]] as const) {
        const repId = after && holder === 'dm-0' ? successor : holder;
        add(repId, 'QUOTA_CREDIT', Money.format(gateCredit.times(share)));
        add(repId, 'GATE_COMMISSION', Money.format(gateCredit.times(share).times('0.04')));
      }
    }
  }
  const rows: Array<{ rep_id: string; kind: string; amount: string }> = await stack.query(
    `SELECT rep_id, kind, sum(amount)::text AS amount FROM ledger_entries
      WHERE deal_id LIKE $1 AND kind IN ('QUOTA_CREDIT', 'GATE_COMMISSION') GROUP BY rep_id, kind ORDER BY rep_id, kind`,
    [`${name}-%`],
  );
  const wrong = rows.filter((r) => !new Dec(r.amount).equals(expected.get(`${r.rep_id} ${r.kind}`) ?? 0));
  const missing = [...expected.keys()].filter((k) => !rows.some((r) => `${r.rep_id} ${r.kind}` === k));
  checks.push({
    name: 'each rep nets exactly what the dates give them',
    ok: wrong.length === 0 && missing.length === 0,
    detail: wrong.length + missing.length === 0
      ? rows.map((r) => `${r.rep_id} ${r.kind === 'QUOTA_CREDIT' ? 'credit' : 'commission'} ${Money.format(r.amount)}`).join(', ')
      : `wrong: ${wrong.map((r) => `${r.rep_id} ${r.kind} ${r.amount} (expected ${Money.format(expected.get(`${r.rep_id} ${r.kind}`) ?? 0)})`).join('; ')} missing: ${missing.join('; ')}`,
  });
  const [after] = await stack.query(
    `SELECT coalesce(sum(amount), 0)::text AS net, count(*) FILTER (WHERE details->>'reversalOf' IS NOT NULL) AS reversals FROM ledger_entries
      WHERE deal_id LIKE $1 AND rep_id = 'dm-0' AND kind IN ('QUOTA_CREDIT', 'GATE_COMMISSION') AND effective_date >= $2`,
    [`${name}-%`, DEPARTURE_DATE],
  );
  checks.push({ name: 'the departed rep nets nothing dated on or after the departure', ok: new Dec(after.net).isZero(), detail: `net ${Money.format(after.net)}, ${after.reversals} reversals of postings made before the departure was recorded` });
  const [orphans] = await stack.query(
    `SELECT count(*) AS n FROM ledger_entries r WHERE r.deal_id LIKE $1 AND r.details->>'reversalOf' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM ledger_entries o WHERE o.idempotency_key = r.details->>'reversalOf' AND o.amount = -r.amount)`,
    [`${name}-%`],
  );
  checks.push({ name: 'every reversal mirrors one original posting', ok: Number(orphans.n) === 0, detail: `${orphans.n} reversals without an equal original` });
  checks.push({ name: 'the deals the departed rep owned are the heir\'s', ok: ownersMoved === owned.length, detail: `${ownersMoved} of ${owned.length} deals owned by dm-heir` });
  return { name, checks, seconds: (Date.now() - started) / 1000 };
}

/**
 * A period close racing the approvals dated in it: an artifact dated 2027-03-25 is pending on each deal, and 2027-Q1 is
 * closed a quarter of the way through approving them. Each approval posts once, in 2027-Q1 if it committed before the
 * close took the period, else late in 2027-Q2; 2027-Q1's statements must show exactly the commission the ledger holds
 * in 2027-Q1 for each rep, and the ledger must be exact.
 */
async function closeRacingApprovals(): Promise<Result> {
  const name = 'close-racing-approvals';
  await createReps('cr');
  console.log(`[fault] ${name}: creating ${DEALS} deals, each with G1 pending, dated 2027-03-25`);
  const deals = await createDeals(name, 'cr');
  const approvals: Array<[string, string]> = [];
  for (const [i, deal] of deals.entries()) {
    const res = await post(`/deals/${deal}/artifacts`, rep(`cr-${i % 5}`), { gate: 'G1', documentType: DOCS.G1, documentRef: `${deal}/G1.pdf`, effectiveDate: '2027-03-25' }, `submit:${deal}:G1`);
    if (res.status !== 202) throw new Error(`submit ${deal} → ${res.status} ${JSON.stringify(res.body)}`);
    approvals.push([deal, res.body.approvalId]);
  }
  const started = Date.now();
  const outcomes = new Map<string, Outcome>();
  let closing: Promise<string[]> | undefined;
  let next = 0;
  let acked = 0;
  const close = async () => {
    const t0 = Date.now();
    const res = await post('/periods/2027-Q1/close', admin, {}, 'close:2027-Q1');
    return [`${res.status === 200 ? '' : 'FAILED: '}2027-Q1 closed mid-burst → ${res.status} in ${Date.now() - t0} ms, ${res.body?.statements?.length ?? 0} statements, ${res.body?.pendingApprovals?.length ?? 0} approvals still pending`];
  };
  console.log(`[fault] ${name}: ${approvals.length} approvals, 2027-Q1 closed a quarter of the way in`);
  const lane = async () => {
    while (next < approvals.length) {
      const [deal, approvalId] = approvals[next++];
      const res = await post(`/approvals/${approvalId}/approve`, desk, { note: 'racing the close' }, `approve:${deal}:G1`);
      const outcome: Outcome = res.status === 200 ? 'ack' : res.status >= 400 && res.status < 500 && res.body?.code ? 'refused' : 'failed';
      outcomes.set(`${deal}:G1`, outcome);
      if (outcome !== 'ack') console.error(`[fault]   approve ${deal} G1 → ${res.status} ${JSON.stringify(res.body)}`);
      else if (++acked >= Math.floor(approvals.length / 4) && !closing) closing = close();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const checks = await verify(name, deals, outcomes, { gates: ['G1'] });
  for (const note of closing ? await closing : ['FAILED: close never started']) checks.unshift({ name: 'fault injected', ok: !note.startsWith('FAILED'), detail: note });

  const periods: Array<{ period: string; n: string; redated: string }> = await stack.query(
    `SELECT period, count(*) AS n, count(*) FILTER (WHERE effective_date <> '2027-03-25') AS redated FROM ledger_entries
      WHERE deal_id LIKE $1 AND kind = 'GATE_COMMISSION' GROUP BY period ORDER BY period`,
    [`${name}-%`],
  );
  checks.push({
    name: 'every approval posted once, in 2027-Q1 or late in 2027-Q2, keeping its date',
    ok: periods.every((p) => (p.period === '2027-Q1' || p.period === '2027-Q2') && Number(p.redated) === 0) && periods.reduce((n, p) => n + Number(p.n), 0) === 2 * acked,
    detail: `${periods.map((p) => `${p.n} commission postings in ${p.period}`).join(', ')} for ${acked} approvals × 2 recipients`,
  });
  const mismatched: string[] = [];
  for (let r = 0; r < 5; r++) {
    const repId = `cr-${r}`;
    const statement = await send('GET', `/reps/${repId}/statements/2027-Q1`, admin);
    const [ledger] = await stack.query(`SELECT coalesce(sum(amount), 0)::text AS c FROM ledger_entries WHERE rep_id = $1 AND period = '2027-Q1' AND kind = 'GATE_COMMISSION'`, [repId]);
    if (statement.status !== 200 || !new Dec(statement.body.commission).equals(ledger.c)) {
      mismatched.push(`${repId}: statement ${statement.status} ${statement.body?.commission}, ledger ${Money.format(ledger.c)}`);
    }
  }
  checks.push({ name: '2027-Q1 statements equal the ledger in 2027-Q1', ok: mismatched.length === 0, detail: mismatched.length === 0 ? 'five reps, commission to the cent' : mismatched.join('; ') });
  return { name, checks, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  console.log('[fault] starting a stack of its own: PostgreSQL :55532, Temporal :7500, API :3500');
  await stack.start();
  await setUp();
  const results: Result[] = [];
  const run = async (name: string, play: () => Promise<Result>) => {
    if (selected(name)) results.push(await play());
  };
  await run('worker-crash', () =>
    scenario('worker-crash', async () => {
      const pid = stack.workerPid;
      stack.killWorker();
      await sleep(2000);
      stack.startWorker();
      return [`SIGKILL worker pid ${pid}; new worker pid ${stack.workerPid} 2 s later`];
    }),
  );
  await run('temporal-restart', () =>
    scenario('temporal-restart', async () => {
      const t0 = Date.now();
      stack.temporal('restart');
      return [`dev server restarted (same SQLite file) in ${Date.now() - t0} ms`];
    }),
  );
  await run('postgres-outage', () =>
    scenario('postgres-outage', async () => {
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
  if (selected('scale-out')) {
    await stack.startApi(1);
    stack.startWorker(1);
    replicas = [stack.apiClient(0), stack.apiClient(1)];
    await run('scale-out', () =>
      scenario('scale-out', async () => {
        const [worker, api] = [stack.workerPidOf(0), stack.apiPidOf(0)];
        stack.killWorker(0);
        stack.killApi(0);
        return [`two workers and two APIs; SIGKILL worker pid ${worker} and API pid ${api} mid-burst, the others carry on alone`];
      }),
    );
  }
  // The business races, last: the close of 2027-Q1 refuses anything dated in it from then on.
  await run('departure-mid-burst', departureMidBurst);
  await run('close-racing-approvals', closeRacingApprovals);
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

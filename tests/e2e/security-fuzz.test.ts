import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import type { ZodTypeAny } from 'zod';
import {
  approveSchema, artifactSchema, bonusEventSchema, createDealSchema, createPlanSchema, createRepSchema, departureSchema, descopeSchema,
  emptySchema, killSchema, proposeAdjustmentSchema, rejectSchema, repPlanMoveSchema, revenueSchema, slipSchema,
  signoffSchema, createBatchSchema, markPaidSchema,
} from '../../apps/api/schemas';
import { REFERENCE_PLAN_PARAMS } from '../../libs/domain';
import { HttpResult, problemShape } from '../support/api';
import { exhaustiveMutations, fieldsOf, invalidBodies, mutationOf, P, setAt, show } from '../support/fuzz';
import { Harness, startHarness } from '../support/harness';
import { rowCounts, SecurityIds, seedSecurityBook } from '../support/security-book';

/**
 * Issue 6, the security suite (moved from security.test.ts): malformed payloads over every POST route, against the
 * real API, worker, Temporal dev server and PostgreSQL, on the book of tests/support/security-book.ts. The
 * whole-body set (broken JSON, media types, encodings, sizes), every field of the route's zod schema × every bad
 * value, and a seeded fast-check sample of zod-fast-check bodies broken by one or two mutations
 * (tests/support/fuzz.ts): only 4xx problem+json, and no table changes.
 *
 * `FUZZ_DUMP=/tmp/fuzz.txt` writes every fuzz answer (status, code, route, payload label) to that file.
 */

const FUZZ_SEED = 20_270_601;
const FUZZ_RUNS_PER_ROUTE = 72;
const CONCURRENCY = 8;

interface PostRoute {
  name: string;
  path: (ids: SecurityIds) => string;
  as: string;
  /** The zod schema of the body (apps/api/schemas.ts): fields, kinds and generated bodies come from it. */
  schema: ZodTypeAny;
  /** A body the route accepts as is (the last test proves it), the base of the whole-body and per-field payloads. */
  base: () => any;
  /** `{}` and an empty body are valid here, so they are not malformed. */
  emptyOk: boolean;
}

interface Payload {
  route: PostRoute;
  label: string;
  body?: unknown;
  raw?: string;
  /** null: send no content-type at all. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const PARAMS = clone(REFERENCE_PLAN_PARAMS);

const ROUTES_POST: PostRoute[] = [
  { name: 'POST /plans', path: () => '/plans', as: 'fz-admin:comp_admin', schema: createPlanSchema, base: () => ({ id: 'FZ-PLAN', effectiveFrom: '2027-04-01', params: clone(PARAMS) }), emptyOk: false },
  { name: 'POST /plans/:id/publish', path: () => '/plans/SP1/publish', as: 'fz-publisher:comp_admin', schema: emptySchema, base: () => ({}), emptyOk: true },
  {
    name: 'POST /reps',
    path: () => '/reps',
    as: 'fz-hr:hr',
    schema: createRepSchema,
    base: () => ({ id: 'fz-rep', name: 'Fuzz Rep', role: 'AE', hireDate: '2027-04-01', quarterlyDraw: '1000.00', planId: 'SP1', managerId: 'sec-mgr' }),
    emptyOk: false,
  },
  { name: 'POST /reps/:id/plan', path: () => '/reps/sec-fz/plan', as: 'fz-admin:comp_admin', schema: repPlanMoveSchema, base: () => ({ planId: 'SP2', effectiveFrom: '2028-01-01' }), emptyOk: false },
  {
    name: 'POST /reps/:id/departure',
    path: () => '/reps/sec-fz/departure',
    as: 'fz-hr:hr',
    schema: departureSchema,
    base: () => ({ effectiveDate: '2027-06-30', goodStanding: true, reassignments: [{ dealId: 'SD-FZ', newOwner: 'sec-ae1' }] }),
    emptyOk: false,
  },
  {
    name: 'POST /deals',
    path: () => '/deals',
    as: 'sec-mgr:manager',
    schema: createDealSchema,
    base: () => ({
      id: 'FZ-DEAL', sponsor: 'Fuzz Sponsor', program: 'FZ-001', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sec-ae1', owner: 'sec-ae1', sourcedAt: '2027-04-01',
      splits: [{ repId: 'sec-ae1', role: 'AE', share: '1.00', gates: ['G1', 'G2', 'G3', 'G4', 'G5'] }],
    }),
    emptyOk: false,
  },
  {
    name: 'POST /deals/:id/artifacts',
    path: () => '/deals/SD-2/artifacts',
    as: 'sec-ae2:rep',
    schema: artifactSchema,
    base: () => ({ gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'award-sd2.pdf', effectiveDate: '2027-06-01' }),
    emptyOk: false,
  },
  {
    name: 'POST /deals/:id/bonus-events',
    path: () => '/deals/SD-1/bonus-events',
    as: 'sec-mgr:manager',
    schema: bonusEventSchema,
    base: () => ({ type: 'SITE_ACTIVATION', quantity: 2, recipients: [{ repId: 'sec-ae1', share: '1.00' }], evidenceRef: 'sites.csv', effectiveDate: '2027-06-01' }),
    emptyOk: false,
  },
  { name: 'POST /deals/:id/descope', path: () => '/deals/SD-1/descope', as: 'fz-admin:comp_admin', schema: descopeSchema, base: () => ({ newTcv: '1500000.00', reason: 'two arms dropped', effectiveDate: '2027-06-01' }), emptyOk: false },
  { name: 'POST /deals/:id/kill', path: () => '/deals/SD-1/kill', as: 'sec-mgr:manager', schema: killSchema, base: () => ({ reason: 'futility', effectiveDate: '2027-06-01' }), emptyOk: false },
  { name: 'POST /deals/:id/slip', path: () => '/deals/SD-1/slip', as: 'fz-admin:comp_admin', schema: slipSchema, base: () => ({ expectedDate: '2028-01-15', reason: 'sponsor budget' }), emptyOk: false },
  { name: 'POST /deals/:id/revenue', path: () => '/deals/SD-1/revenue', as: 'fz-fin:finance', schema: revenueSchema, base: () => ({ period: '2027-Q2', amount: '1000.00' }), emptyOk: false },
  { name: 'POST /deals/:id/close', path: () => '/deals/SD-1/close', as: 'fz-fin:finance', schema: emptySchema, base: () => ({}), emptyOk: true },
  { name: 'POST /approvals/:id/approve', path: (ids) => `/approvals/${ids.approvalId}/approve`, as: 'sec-desk:deal_desk', schema: approveSchema, base: () => ({ note: 'checked the award letter' }), emptyOk: true },
  { name: 'POST /approvals/:id/reject', path: (ids) => `/approvals/${ids.approvalId2}/reject`, as: 'sec-desk:deal_desk', schema: rejectSchema, base: () => ({ reason: 'evidence does not match' }), emptyOk: false },
  { name: 'POST /periods/:p/close', path: () => '/periods/2027-Q2/close', as: 'fz-fin:finance', schema: emptySchema, base: () => ({}), emptyOk: true },
  {
    name: 'POST /adjustments',
    path: () => '/adjustments',
    as: 'fz-admin:comp_admin',
    schema: proposeAdjustmentSchema,
    base: () => ({ repId: 'sec-ae1', period: '2027-Q3', amount: '-250.50', kind: 'CORRECTION', reason: 'overpaid split' }),
    emptyOk: false,
  },
  // Sign-off and payroll (docs/rules.md 17): a valid body is refused by the rules here (no closed statement signed), never by a 5xx.
  { name: 'POST /reps/:id/statements/:p/signoffs', path: (ids) => `/reps/${ids.repId}/statements/${ids.closedPeriod}/signoffs`, as: 'fz-fin:finance', schema: signoffSchema, base: () => ({ hash: 'a'.repeat(64) }), emptyOk: false },
  { name: 'POST /payroll/batches', path: () => '/payroll/batches', as: 'fz-fin:finance', schema: createBatchSchema, base: () => ({ period: '2027-Q1' }), emptyOk: false },
  { name: 'POST /payroll/batches/:id/paid', path: () => '/payroll/batches/PB-FZ-1/paid', as: 'fz-fin:finance', schema: markPaidSchema, base: () => ({ reference: 'ADP-1' }), emptyOk: false },
];

const anyIdempotencyKey = fc.option(fc.constantFrom('fz-key-1', 'fz-key-2', 'fz-key-3', 'has space', 'x'.repeat(201), ''), { nil: undefined, freq: 2 });
const withKey = (key: string | undefined): Record<string, string> => (key === undefined ? {} : { 'idempotency-key': key });
const DEEP = 'DEEP_SENTINEL_7f3a';

/** The sampled payloads: generated bodies and the base body, each broken by one or two mutations; deep nesting; own prototype keys. */
const payloadArb = (route: PostRoute): fc.Arbitrary<Payload> => {
  const generated = fc.tuple(invalidBodies(route.schema), anyIdempotencyKey).map(([{ label, body }, key]): Payload => ({ route, label, body, headers: withKey(key) }));
  const mutation = mutationOf(route.schema, route.base());
  const mutatedBase = fc.tuple(mutation, fc.option(mutation, { nil: undefined, freq: 3 }), anyIdempotencyKey).map(([m1, m2, key]): Payload => {
    const body = route.base();
    m1.apply(body);
    m2?.apply(body);
    return { route, label: m2 ? `${m1.label} + ${m2.label}` : m1.label, body, headers: withKey(key) };
  });
  const fields = fieldsOf(route.schema, route.base()).fields;
  const deep = fc
    .tuple(fc.constantFrom(33, 100, 2_000, 20_000, 60_000), fc.constantFrom('array', 'object'), fc.constantFrom(...['junk', ...fields.map((x) => show(x.path))]), anyIdempotencyKey)
    .map(([depth, shape, where, key]): Payload => {
      const nested = shape === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const body = route.base();
      if (where === 'junk') body.junk = DEEP;
      else setAt(body, P(where), DEEP);
      return { route, label: `deeply nested ${shape} (${depth}) at ${where}`, raw: JSON.stringify(body).replace(`"${DEEP}"`, nested), headers: withKey(key) };
    });
  const proto = fc.constantFrom('__proto__', 'constructor', 'prototype').map(
    (key): Payload => ({ route, label: `own "${key}" key`, raw: JSON.stringify(route.base()).replace(/^\{/, `{"${key}":{"isAdmin":true,"roles":["comp_admin"]}${Object.keys(route.base()).length ? ',' : ''}`) }),
  );
  return fc.oneof({ weight: 8, arbitrary: generated }, { weight: 6, arbitrary: mutatedBase }, { weight: 2, arbitrary: deep }, { weight: 1, arbitrary: proto });
};

/** Every field of the schema (on the base body) once with every bad value; see tests/support/fuzz.ts. */
const exhaustivePayloads = (route: PostRoute): Payload[] =>
  exhaustiveMutations(route.schema, route.base()).map((m) => {
    const body = route.base();
    m.apply(body);
    return { route, label: m.label, body };
  });

/** Whole-body malformations every route gets: broken JSON, non-objects, wrong media types and encodings, oversize. */
const fixedPayloads = (route: PostRoute): Payload[] => {
  const base = route.base();
  const valid = JSON.stringify(base);
  const list: Array<Omit<Payload, 'route'>> = [
    { label: 'invalid JSON: truncated', raw: valid.slice(0, Math.max(1, Math.floor(valid.length / 2))) },
    { label: 'invalid JSON: trailing comma', raw: valid.replace(/\}$/, ',}') },
    { label: 'invalid JSON: single quotes', raw: `{'x': 'y'${valid.length > 2 ? `, ${valid.slice(1, -1).replace(/"/g, "'")}` : ''}}` },
    { label: 'invalid JSON: unquoted key', raw: valid.replace(/^\{/, `{junk: 1${valid.length > 2 ? ',' : ''}`) },
    { label: 'invalid JSON: NaN literal', raw: '{"x": NaN}' },
    { label: 'invalid JSON: two documents', raw: `${valid}${valid}` },
    { label: 'invalid JSON: comment', raw: `/* hi */${valid}` },
    { label: 'invalid JSON: lone brace', raw: '{' },
    { label: 'invalid JSON: text', raw: 'not json at all' },
    { label: 'invalid JSON: NUL byte', raw: '\u0000' },
    { label: 'invalid JSON: undefined', raw: 'undefined' },
    { label: 'invalid JSON: bad escape', raw: '{"x":"\\x41"}' },
    { label: 'invalid JSON: raw control char in string', raw: '{"x":"a\u0001b"}' },
    { label: 'invalid JSON: BOM then garbage', raw: '\ufeff{oops' },
    { label: 'JSON scalar: string', raw: '"hello"' },
    { label: 'JSON scalar: number', raw: '42' },
    { label: 'JSON scalar: null', raw: 'null' },
    { label: 'JSON scalar: true', raw: 'true' },
    { label: 'JSON array: the body wrapped', body: [base] },
    { label: 'JSON array: empty', body: [] },
    { label: 'JSON array: numbers', body: [1, 2, 3] },
    { label: 'wrong content-type: text/plain', raw: valid, contentType: 'text/plain' },
    { label: 'wrong content-type: text/json', raw: valid, contentType: 'text/json' },
    { label: 'wrong content-type: form', raw: 'id=x&name=y', contentType: 'application/x-www-form-urlencoded' },
    { label: 'wrong content-type: form carrying JSON', raw: valid, contentType: 'application/x-www-form-urlencoded' },
    { label: 'wrong content-type: multipart', raw: '--b\r\nContent-Disposition: form-data; name="id"\r\n\r\nx\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b' },
    { label: 'wrong content-type: xml', raw: '<body><id>x</id></body>', contentType: 'application/xml' },
    { label: 'wrong content-type: octet-stream', raw: valid, contentType: 'application/octet-stream' },
    { label: 'no content-type', raw: valid, contentType: null },
    { label: 'unsupported charset latin1', raw: valid, contentType: 'application/json; charset=iso-8859-1' },
    { label: 'charset utf-16 on utf-8 bytes', raw: valid, contentType: 'application/json; charset=utf-16' },
    { label: 'content-encoding gzip on plain bytes', raw: valid, headers: { 'content-encoding': 'gzip' } },
    { label: 'unknown content-encoding', raw: valid, headers: { 'content-encoding': 'compress' } },
    { label: 'oversized body (300 kB)', body: { ...base, junk: 'x'.repeat(300_000) } },
    { label: 'unknown field with a valid body otherwise', body: { ...base, unexpected: true } },
  ];
  if (!route.emptyOk) list.push({ label: 'empty body', raw: '' }, { label: 'empty object', body: {} }, { label: 'whitespace body', raw: '   ' });
  return list.map((p) => ({ ...p, route }));
};

const inPool = async <T>(items: T[], n: number, fn: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
};

describe('security (issue 6): fuzz, malformed payloads on every POST route', () => {
  let h: Harness;
  let ids: SecurityIds;

  beforeAll(async () => {
    h = await startHarness(__filename);
    ids = await seedSecurityBook(h);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  const send = (p: Payload): Promise<HttpResult> =>
    h.api.request('POST', p.route.path(ids), p.route.as, { body: p.body, raw: p.body === undefined ? (p.raw ?? '') : undefined, contentType: p.contentType, headers: p.headers, timeoutMs: 20_000 });

  const snapshot = async () => ({
    rows: await rowCounts(h),
    sd1: (await h.http('GET', '/deals/SD-1', { as: 'fz-admin:comp_admin' })).body,
    sd2: (await h.http('GET', '/deals/SD-2', { as: 'fz-admin:comp_admin' })).body,
    fz: (await h.http('GET', '/reps/sec-fz', { as: 'fz-admin:comp_admin' })).body,
    plans: (await h.http('GET', '/plans', { as: 'fz-admin:comp_admin' })).body,
    periods: (await h.http('GET', '/periods', { as: 'fz-admin:comp_admin' })).body,
    approvals: await h.dataSource.query(`SELECT approval_id, status FROM approvals ORDER BY approval_id`),
  });

  it(`sends ≥1,000 seeded malformed payloads across all 20 POST routes: only 4xx problem+json, and nothing changes`, async () => {
    expect(ROUTES_POST).toHaveLength(20);
    const payloads: Payload[] = ROUTES_POST.flatMap((route, i) => [
      ...fixedPayloads(route),
      ...exhaustivePayloads(route),
      ...fc.sample(payloadArb(route), { seed: FUZZ_SEED + i, numRuns: FUZZ_RUNS_PER_ROUTE }),
    ]);
    expect(payloads.length).toBeGreaterThanOrEqual(1000);
    const dump: string[] = [];

    const before = await snapshot();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    await inPool(payloads, CONCURRENCY, async (p) => {
      let res: HttpResult;
      try {
        res = await send(p);
      } catch (err) {
        failures.push(`${p.route.name} · ${p.label} → request failed: ${(err as Error).message}`);
        return;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (process.env.FUZZ_DUMP) dump.push(`${res.status} ${res.body?.code} ${p.route.name} · ${p.label} · ${String(res.body?.detail).slice(0, 100)}`);
      const problems = problemShape(res);
      if (res.status < 400 || res.status >= 500) problems.unshift(`status ${res.status}`);
      if (problems.length) {
        const detail = typeof res.body === 'object' ? `${res.body?.code}: ${String(res.body?.detail).slice(0, 160)}` : String(res.body).slice(0, 160);
        failures.push(`${p.route.name} · ${p.label} → ${problems.join('; ')} (${detail})`);
      }
    });
    const elapsed = Date.now() - started;
    if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, dump.sort().join('\n'));
    const after = await snapshot();
    // eslint-disable-next-line no-console
    console.log(
      `fuzz: ${payloads.length} payloads over ${ROUTES_POST.length} POST routes in ${elapsed} ms (${(payloads.length / (elapsed / 1000)).toFixed(0)}/s, ${CONCURRENCY} at a time); ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures.slice(0, 60)).toEqual([]);
    expect(after).toEqual(before);
  }, 150_000);

  it('every base body the fuzz mutated is accepted as-is, so the refusals above came from validation', async () => {
    const route = (name: string) => ROUTES_POST.find((r) => r.name === name)!;
    const accept = async (name: string, path?: string) => {
      const r = route(name);
      expect(r.schema.safeParse(r.base()).success).toBe(true);
      const res = await h.http('POST', path ?? r.path(ids), { as: r.as, body: r.base() });
      expect({ name, status: res.status < 300 ? 'accepted' : res.status, body: res.status < 300 ? undefined : res.body }).toEqual({ name, status: 'accepted', body: undefined });
    };
    await accept('POST /plans');
    await accept('POST /plans/:id/publish');
    await accept('POST /reps');
    await accept('POST /reps/:id/plan');
    await accept('POST /reps/:id/departure');
    await accept('POST /deals');
    await accept('POST /deals/:id/artifacts');
    await accept('POST /deals/:id/bonus-events');
    await accept('POST /approvals/:id/approve');
    await accept('POST /approvals/:id/reject');
    await accept('POST /deals/:id/descope');
    await accept('POST /deals/:id/slip');
    await accept('POST /deals/:id/revenue');
    // v2 "Access scope": the route's caller (sec-mgr) acts only on their team's deals, so SD-1 (sec-ae1's), not SD-2.
    await accept('POST /deals/:id/kill', '/deals/SD-1/kill');
    await accept('POST /deals/:id/close');
    await accept('POST /adjustments');
    await accept('POST /periods/:p/close');
  }, 120_000);
});

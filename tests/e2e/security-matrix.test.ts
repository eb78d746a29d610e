import { expectProblem } from '../support/api';
import { Harness, startHarness } from '../support/harness';
import { CALLER, Role, ROLES, SecurityIds, seedSecurityBook } from '../support/security-book';

/**
 * Issue 6, the security suite (moved from security.test.ts): the authorization matrix, every route of the API's
 * OpenAPI document (GET /docs-json of the running API) × every role and no token, against the real API, worker,
 * Temporal dev server and PostgreSQL. Only the roles column is written here (ROLES_BY_ROUTE, docs/api.md's roles, and
 * for routes docs/api.md leaves open, the code's); the suite fails when the document has a route the map lacks or the
 * map names a route the document lacks. Jest needs the rows when it collects the tests, before any server runs,
 * so the rows are the map's keys, and the first test proves them equal to the document's routes.
 */

const ALL = ROLES;
type Roles = Role[] | 'public';

/** THE roles column, keyed by "METHOD /path/{template}" exactly as the OpenAPI document spells it. */
const ROLES_BY_ROUTE: Record<string, Roles> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /plans': ['comp_admin'],
  'POST /plans/{id}/publish': ['comp_admin'],
  'GET /plans': ALL,
  'GET /plans/{id}': ALL,
  'POST /reps': ['comp_admin', 'hr'],
  'GET /reps': ['comp_admin', 'hr', 'finance', 'manager'],
  'GET /reps/{id}': ALL,
  'POST /reps/{id}/departure': ['hr'],
  'POST /reps/{id}/departure/withdraw': ['hr'],
  'POST /reps/{id}/plan': ['comp_admin'],
  'GET /reps/{id}/statements': ['rep', 'manager', 'comp_admin', 'finance'],
  'GET /reps/{id}/statements/{period}': ['rep', 'manager', 'comp_admin', 'finance'],
  'GET /reps/{id}/statements/{period}/lines/{lineId}': ['rep', 'manager', 'comp_admin', 'finance'],
  'GET /reps/{id}/history': ['rep', 'manager', 'comp_admin', 'finance'],
  'GET /reps/{id}/attainment': ALL,
  'GET /reps/{id}/portfolio': ALL,
  'GET /reps/{id}/plan-document': ['rep', 'manager', 'comp_admin', 'hr'],
  'POST /reps/{id}/plan-acknowledgements': ['rep'],
  'GET /reps/{id}/plan-acknowledgements': ['rep', 'manager', 'comp_admin', 'hr'],
  'GET /managers/{id}/team': ['manager', 'comp_admin'],
  'POST /deals': ['comp_admin', 'manager'],
  'GET /deals': ALL,
  'GET /deals/{id}': ALL,
  'GET /deals/{id}/history': ['manager', 'comp_admin', 'deal_desk', 'finance'],
  'POST /deals/{id}/artifacts': ['rep', 'manager', 'comp_admin'],
  'GET /deals/{id}/artifacts/{artifactId}': ['deal_desk', 'finance', 'comp_admin', 'manager', 'rep'],
  'POST /deals/{id}/bonus-events': ['rep', 'manager', 'comp_admin'],
  'POST /deals/{id}/descope': ['comp_admin', 'manager'],
  'POST /deals/{id}/kill': ['comp_admin', 'manager'],
  'POST /deals/{id}/slip': ['comp_admin', 'manager'],
  'POST /deals/{id}/revenue': ['finance'],
  'POST /deals/{id}/close': ['finance'],
  'GET /approvals': ['deal_desk'],
  'POST /approvals/{approvalId}/approve': ['deal_desk'],
  'POST /approvals/{approvalId}/reject': ['deal_desk'],
  'POST /periods/{period}/close': ['comp_admin', 'finance'],
  'GET /periods': ALL,
  'GET /forecast': ['manager', 'comp_admin'],
  'GET /forecast/accuracy': ['manager', 'comp_admin'],
  'GET /accounting/commission-asset': ['finance', 'comp_admin'],
  'GET /accounting/journal': ['finance', 'comp_admin'],
  'GET /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': ALL,
  'GET /auth/config': 'public',
  'POST /auth/dev-login': 'public',
  'POST /adjustments': ['comp_admin'],
  'GET /adjustments': ['comp_admin', 'finance', 'manager', 'rep'],
  'GET /adjustments/{adjustmentId}': ['comp_admin', 'finance', 'manager', 'rep'],
  'POST /adjustments/{adjustmentId}/approve': ['comp_admin', 'finance'],
  'POST /adjustments/{adjustmentId}/reject': ['comp_admin', 'finance'],
  'POST /webhooks': ['comp_admin'],
  'GET /webhooks': ['comp_admin'],
  'GET /webhooks/{webhookId}': ['comp_admin'],
  'POST /webhooks/{webhookId}/disable': ['comp_admin'],
  'GET /webhooks/{webhookId}/deliveries': ['comp_admin'],
  'POST /webhooks/{webhookId}/replay': ['comp_admin'],
  'POST /reps/{id}/statements/{period}/signoffs': ['manager', 'finance'],
  'POST /payroll/batches': ['finance'],
  'GET /payroll/batches': ['finance', 'comp_admin'],
  'GET /payroll/batches/{batchId}': ['finance', 'comp_admin'],
  'POST /payroll/batches/{batchId}/paid': ['finance'],
  'POST /disputes': ['rep', 'manager'],
  'GET /disputes': ['comp_admin', 'manager', 'rep'],
  'GET /disputes/{disputeId}': ['comp_admin', 'manager', 'rep'],
  'POST /disputes/{disputeId}/resolve': ['comp_admin'],
  'GET /alerts': ['comp_admin', 'deal_desk', 'manager', 'rep'],
};

/** Public routes that answer other than 200 here: sign-in is not configured and the persona picker is off. */
const PUBLIC_STATUS: Record<string, number> = { 'GET /auth/login': 503, 'POST /auth/logout': 204, 'POST /auth/dev-login': 404 };

/** Served beside the document, not described in it: the document itself, and the Prometheus scrape. */
const UNDOCUMENTED: Record<string, Roles> = { 'GET /docs-json': 'public', 'GET /metrics': 'public' };

/** The query string a route is probed with (as before the matrix read the document). */
const QUERY: Record<string, string> = { 'GET /reps/{id}/attainment': '?year=2027', 'GET /approvals': '?status=PENDING' };

/** Concrete values for path parameters: by the route's first segment, except the departure (it departs sec-fz). */
const pathValue = (ids: SecurityIds, template: string, param: string): string => {
  if (template === '/reps/{id}/departure' && param === 'id') return ids.departingRepId;
  const byResource: Record<string, Record<string, string>> = {
    plans: { id: ids.planId },
    reps: { id: ids.repId, period: ids.closedPeriod, lineId: 'ln-00000000000000000000' },
    managers: { id: ids.managerId },
    deals: { id: ids.dealId, artifactId: '00000000-0000-4000-8000-000000000000' },
    approvals: { approvalId: ids.approvalId },
    periods: { period: ids.openPeriod },
    adjustments: { adjustmentId: 'adj-matrix-probe' },
    webhooks: { webhookId: 'whk-matrix-probe' },
    payroll: { batchId: 'PB-matrix-probe' },
    disputes: { disputeId: 'dsp-matrix-probe' },
  };
  const value = byResource[template.split('/')[1]]?.[param];
  if (value === undefined) throw new Error(`no concrete value for {${param}} in ${template}: add one to pathValue`);
  return value;
};

type Caller = Role | 'no token';
interface Cell {
  route: string;
  caller: Caller;
  expected: 'public' | '401' | '403' | 'allowed';
}

const ROWS: Array<[string, Roles]> = [...Object.entries(ROLES_BY_ROUTE), ...Object.entries(UNDOCUMENTED)];
const CELLS: Cell[] = ROWS.flatMap(([route, roles]) =>
  (['no token', ...ROLES] as Caller[]).map((caller): Cell => {
    const may = roles === 'public' || (caller !== 'no token' && roles.includes(caller));
    return { route, caller, expected: roles === 'public' ? 'public' : caller === 'no token' ? '401' : may ? 'allowed' : '403' };
  }),
);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe('security (issue 6): authorization matrix (every documented route × every role and no token)', () => {
  let h: Harness;
  let ids: SecurityIds;
  let documented: string[];

  beforeAll(async () => {
    h = await startHarness(__filename);
    ids = await seedSecurityBook(h);
    const doc = await h.ok('GET', '/docs-json', 'matrix-reader:comp_admin', undefined, [200]);
    documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => HTTP_METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('has a roles entry for every route of the OpenAPI document, and no entry the document lacks', () => {
    const mapped = Object.keys(ROLES_BY_ROUTE);
    expect({
      inTheDocumentWithoutRoles: documented.filter((r) => !mapped.includes(r)).sort(),
      withRolesNotInTheDocument: mapped.filter((r) => !documented.includes(r)).sort(),
      undocumentedButInTheDocument: Object.keys(UNDOCUMENTED).filter((r) => documented.includes(r)),
    }).toEqual({ inTheDocumentWithoutRoles: [], withRolesNotInTheDocument: [], undocumentedButInTheDocument: [] });
  });

  it('covers every route with every role and no token', () => {
    expect(CELLS).toHaveLength(ROWS.length * 7);
    expect(new Set(ROWS.map(([r]) => r)).size).toBe(ROWS.length);
    expect(ROWS.length).toBe(documented.length + Object.keys(UNDOCUMENTED).length);
  });

  it.each(CELLS)('$route as $caller → $expected', async (cell) => {
    const [method, template] = cell.route.split(' ');
    const path = template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => pathValue(ids, template, name)) + (QUERY[cell.route] ?? '');
    const as = cell.caller === 'no token' ? undefined : CALLER[cell.caller];
    // An invalid body for every POST: an allowed caller gets a 4xx from validation, never a state change.
    const res = await h.http(method, path, { as, body: method === 'POST' ? { matrixProbe: true } : undefined });
    if (cell.expected === 'public') expect(res.status).toBe(PUBLIC_STATUS[cell.route] ?? 200);
    else if (cell.expected === '401') expectProblem(res, 401, 'UNAUTHENTICATED');
    else if (cell.expected === '403') expectProblem(res, 403, 'FORBIDDEN');
    else {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    }
  });
});

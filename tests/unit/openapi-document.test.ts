import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeOpenApi, standaloneOpenApiDocument } from '../../apps/api/openapi-standalone';
import { OpenApiDocument, openApiProblems, ResponseContract } from '../support/openapi';

/**
 * Issue 11 item 1: the OpenAPI document a client generator can trust, built from the code without PostgreSQL or
 * Temporal (the same builder serves /docs-json), valid OpenAPI 3.0 with no dangling $ref, every operation
 * documented, and docs/openapi.json equal to it (`npm run openapi` rewrites it).
 */
describe('the OpenAPI document', () => {
  let document: OpenApiDocument;
  beforeAll(async () => {
    document = (await standaloneOpenApiDocument()) as unknown as OpenApiDocument;
  }, 60_000);

  it('is valid OpenAPI 3.0, every $ref resolves, and every operation documents its responses, roles and Idempotency-Key', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('finds what a hand-broken document gets wrong', () => {
    const broken = JSON.parse(JSON.stringify(document)) as OpenApiDocument;
    const create = broken.paths['/deals'].post;
    create.responses['404'] = { description: 'x', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Nowhere' } } } };
    delete create['x-roles'];
    create.parameters = [];
    delete broken.paths['/plans'].get.responses['200'];
    expect(openApiProblems(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$ref #/components/schemas/Nowhere resolves nowhere'),
        'POST /deals: no x-roles',
        'POST /deals: no Idempotency-Key header',
        'GET /plans: no success response',
      ]),
    );
  });

  it('documents the role lists the guard enforces (x-roles), e.g. the deal desk alone decides approvals', () => {
    expect(document.paths['/approvals/{approvalId}/approve'].post['x-roles']).toEqual(['deal_desk']);
    expect(document.paths['/deals'].get['x-roles']).toHaveLength(6);
    expect(document.paths['/health'].get['x-roles']).toEqual([]);
    expect(document.paths['/health'].get.security).toBeUndefined();
  });

  it('holds a response to the documented schema: closed objects, money as decimal strings, problem+json errors', () => {
    const contract = new ResponseContract(document);
    const plan = {
      id: 'p1',
      effectiveFrom: '2027-01-01',
      status: 'DRAFT',
      createdBy: 'admin',
      publishedAt: null,
      params: JSON.parse(JSON.stringify(require('../../libs/domain').REFERENCE_PLAN_PARAMS)),
    };
    expect(contract.violation('GET', '/plans/p1', { status: 200, contentType: 'application/json; charset=utf-8', body: plan })).toBeUndefined();
    expect(contract.violation('GET', '/plans/p1', { status: 200, contentType: 'application/json', body: { ...plan, extra: 1 } })).toMatch(/must NOT have additional properties/);
    const badMoney = { ...plan, params: { ...plan.params, designWinAnnualCap: 300000 } };
    expect(contract.violation('GET', '/plans/p1', { status: 200, contentType: 'application/json', body: badMoney })).toMatch(/designWinAnnualCap must be string/);
    expect(contract.violation('GET', '/plans/p1', { status: 409, contentType: 'application/problem+json', body: {} })).toMatch(/answered 409, which the OpenAPI document does not list/);
    const problem = { type: 'https://tranche.dev/problems/not-found', title: 'Not Found', status: 404, detail: 'no plan p1', code: 'NOT_FOUND' };
    expect(contract.violation('GET', '/plans/p1', { status: 404, contentType: 'application/problem+json; charset=utf-8', body: problem })).toBeUndefined();
    expect(contract.violation('GET', '/plans/p1', { status: 404, contentType: 'application/json', body: problem })).toMatch(/content-type "application\/json"/);
    expect(contract.violation('GET', '/no/such/route', { status: 404, contentType: 'application/problem+json', body: problem })).toBeUndefined();
  });

  it('is what docs/openapi.json holds (run `npm run openapi` after changing a route)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8');
    expect(committed).toBe(serializeOpenApi(document as never));
  });
});

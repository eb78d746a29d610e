import fc from 'fast-check';
import {
  approveSchema, artifactSchema, bonusEventSchema, createDealSchema, createPlanSchema, createRepSchema, departureSchema, descopeSchema,
  emptySchema, killSchema, rejectSchema, repPlanMoveSchema, revenueSchema, slipSchema,
} from '../../apps/api/schemas';
import { fieldsOf, invalidBodies, validBodies } from '../support/fuzz';

/** tests/support/fuzz.ts: the schema-derived inputs of the security fuzz (tests/e2e/security-fuzz.test.ts). */
const SCHEMAS = {
  createPlanSchema, createRepSchema, repPlanMoveSchema, departureSchema, createDealSchema, artifactSchema, bonusEventSchema,
  approveSchema, rejectSchema, descopeSchema, killSchema, slipSchema, revenueSchema, emptySchema,
};

describe('fuzz support: inputs derived from the zod schemas', () => {
  it.each(Object.entries(SCHEMAS))('%s: zod-fast-check generates bodies the schema accepts, reproducibly', (_name, schema) => {
    const bodies = fc.sample(validBodies(schema), { seed: 42, numRuns: 60 });
    expect(bodies.filter((b) => !schema.safeParse(b).success)).toEqual([]);
    expect(fc.sample(validBodies(schema), { seed: 42, numRuns: 60 })).toEqual(bodies);
    for (const b of bodies) expect(() => fieldsOf(schema, b)).not.toThrow();
  });

  it.each(Object.entries(SCHEMAS))('%s: every mutated body is one the schema refuses, reproducibly', (_name, schema) => {
    const bad = fc.sample(invalidBodies(schema), { seed: 7, numRuns: 40 });
    expect(bad.filter(({ body }) => schema.safeParse(body).success)).toEqual([]);
    expect(fc.sample(invalidBodies(schema), { seed: 7, numRuns: 40 }).map((b) => b.label)).toEqual(bad.map((b) => b.label));
  });

  it('names the fields and kinds of a body from its schema', () => {
    const body = { id: 'D-1', sponsor: 'S', program: 'P', tcv: '1.00', dealType: 'NEW_BUSINESS', sourcedBy: 'a', owner: 'a', sourcedAt: '2027-01-01', splits: [{ repId: 'a', role: 'AE', share: '1.00', gates: ['G1'] }] };
    const { fields, strict } = fieldsOf(createDealSchema, body);
    expect(fields.map((f) => [f.path.join('.'), f.kind.t, f.required])).toEqual([
      ['id', 'id', true], ['sponsor', 'text', true], ['program', 'text', true], ['tcv', 'money', true], ['dealType', 'enum', true],
      ['sourcedBy', 'id', true], ['owner', 'id', true], ['sourcedAt', 'date', true], ['splits', 'array', true], ['splits.0', 'object', false],
      ['splits.0.repId', 'id', true], ['splits.0.role', 'enum', true], ['splits.0.share', 'ratio', true], ['splits.0.gates', 'array', false], ['splits.0.gates.0', 'gateKey', false],
    ]);
    expect(fields.find((f) => f.path.join('.') === 'tcv')!.kind).toEqual({ t: 'money', sign: 'positive' });
    expect(strict).toEqual([[], ['splits', 0]]);
    expect(fieldsOf(repPlanMoveSchema, { planId: 'P', effectiveFrom: '2028-01-01' }).fields[1].kind).toEqual({ t: 'date', firstOfJanuary: true });
    expect(fieldsOf(approveSchema, { note: 'x' }).fields[0].kind).toEqual({ t: 'note', max: 2000 });
  });
});

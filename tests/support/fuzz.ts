import fc from 'fast-check';
import type { ZodTypeAny } from 'zod';
import { ZodFastCheck } from 'zod-fast-check';

/**
 * Malformed payloads derived from the API's zod schemas (apps/api/schemas.ts), for the fuzz of
 * tests/e2e/security-fuzz.test.ts:
 *  - `fieldsOf(schema, body)` walks a schema beside a body and names every field in it (path, kind, required) and
 *    every strict object (unknown keys refused); the kind of a string leaf is told by probing the leaf schema
 *    (a date, a period, money, a ratio, an id, a gate key, an artifact type, free text);
 *  - `validBodies(schema)` is zod-fast-check's `inputOf(schema)`, with an arbitrary per leaf it cannot generate
 *    (regex strings and refined strings, see `leafArbitrary`);
 *  - `mutations(...)` break a body: a required field dropped, a wrong type, a bad or out-of-range value, an overlong
 *    or twisted-unicode string, an unknown extra field; `invalidBodies` keeps only bodies the schema refuses.
 */

export type Path = Array<string | number>;
export type Kind =
  | { t: 'id' }
  | { t: 'text'; max: number }
  | { t: 'note'; max: number }
  | { t: 'date'; firstOfJanuary: boolean }
  | { t: 'period' }
  | { t: 'money'; sign: 'positive' | 'nonNegative' | 'nonZero' | 'any' }
  | { t: 'ratio' }
  | { t: 'int'; min: number; max: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'gateKey' }
  | { t: 'docType' }
  | { t: 'array'; min: number; max: number }
  | { t: 'object' }
  | { t: 'record' };

export interface Field {
  path: Path;
  kind: Kind;
  /** Leaving it out is malformed (an array element never is: a shorter list is not malformed by itself). */
  required: boolean;
}

export interface Mutation {
  label: string;
  apply: (o: any) => void;
}

// ---- walking a zod schema ------------------------------------------------------------------------------------

const def = (s: ZodTypeAny): any => (s as any)._def;
const typeName = (s: ZodTypeAny): string => def(s).typeName;

/** Optional, default and effects wrappers off: the schema that says what the value is, and whether it may be left out. */
function unwrap(schema: ZodTypeAny): { core: ZodTypeAny; leaf: ZodTypeAny; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    const t = typeName(s);
    if (t === 'ZodOptional' || t === 'ZodDefault') {
      optional = true;
      s = def(s).innerType;
    } else break;
  }
  const leaf = s; // what a refined string is checked against, refinements included
  while (typeName(s) === 'ZodEffects') s = def(s).schema;
  return { core: s, leaf, optional };
}

const accepts = (schema: ZodTypeAny, value: unknown) => schema.safeParse(value).success;

/** The kind of a string leaf, told by what it accepts (so it holds whatever the schema module names its parts). */
function stringKind(leaf: ZodTypeAny, core: ZodTypeAny): Kind {
  const checks: Array<{ kind: string; value?: number }> = def(core).checks ?? [];
  const max = checks.find((c) => c.kind === 'max')?.value ?? Infinity;
  const y = (v: string) => accepts(leaf, v);
  if (y('2027-Q2') && !y('2027-Q5')) return { t: 'period' };
  if (y('2028-01-01') && !y('2028-02-30') && !y('today')) return { t: 'date', firstOfJanuary: !y('2027-06-01') };
  if (y('1000.00') && !y('1.005') && !y('1e5')) return { t: 'money', sign: !y('0.00') ? (y('-1.00') ? 'nonZero' : 'positive') : !y('-1.00') ? 'nonNegative' : 'any' };
  if (y('0.125') && y('0.5') && !y('half')) return { t: 'ratio' };
  if (y('G1') && !y('g1') && !y('G'.repeat(17))) return { t: 'gateKey' };
  if (y('AWARD_LETTER') && !y('award_letter') && !y('AWARD LETTER')) return { t: 'docType' };
  if (y('abc-1.x:y') && !y('has space') && !y('-leading')) return { t: 'id' };
  return y('') ? { t: 'note', max } : { t: 'text', max };
}

function kindOf(core: ZodTypeAny, leaf: ZodTypeAny): Kind {
  switch (typeName(core)) {
    case 'ZodString':
      return stringKind(leaf, core);
    case 'ZodNumber': {
      const checks: Array<{ kind: string; value: number }> = def(core).checks;
      return { t: 'int', min: checks.find((c) => c.kind === 'min')?.value ?? -1e9, max: checks.find((c) => c.kind === 'max')?.value ?? 1e9 };
    }
    case 'ZodBoolean':
      return { t: 'bool' };
    case 'ZodEnum':
      return { t: 'enum', values: def(core).values };
    case 'ZodArray':
      return { t: 'array', min: def(core).minLength?.value ?? 0, max: def(core).maxLength?.value ?? 10_000 };
    case 'ZodObject':
      return { t: 'object' };
    case 'ZodRecord':
      return { t: 'record' };
    default:
      throw new Error(`fuzz: no kind for a ${typeName(core)}`);
  }
}

/**
 * Every field of `body` the schema describes (array elements: the first only; records: the first key), and the paths
 * of its strict objects.
 */
export function fieldsOf(schema: ZodTypeAny, body: unknown): { fields: Field[]; strict: Path[] } {
  const fields: Field[] = [];
  const strict: Path[] = [];
  const visit = (s: ZodTypeAny, value: unknown, path: Path) => {
    const { core } = unwrap(s);
    const t = typeName(core);
    if (t === 'ZodObject') {
      if (def(core).unknownKeys === 'strict') strict.push(path);
      if (value === null || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(def(core).shape() as Record<string, ZodTypeAny>)) {
        if ((value as any)[key] === undefined) continue;
        const u = unwrap(child);
        fields.push({ path: [...path, key], kind: kindOf(u.core, u.leaf), required: !u.optional });
        visit(child, (value as any)[key], [...path, key]);
      }
    } else if (t === 'ZodArray' && Array.isArray(value) && value.length) {
      const u = unwrap(def(core).type);
      fields.push({ path: [...path, 0], kind: kindOf(u.core, u.leaf), required: false });
      visit(def(core).type, value[0], [...path, 0]);
    } else if (t === 'ZodRecord' && value && typeof value === 'object') {
      const first = Object.keys(value)[0];
      if (first === undefined) return;
      const u = unwrap(def(core).valueType);
      fields.push({ path: [...path, first], kind: kindOf(u.core, u.leaf), required: false });
      visit(def(core).valueType, (value as any)[first], [...path, first]);
    }
  };
  visit(schema, body, []);
  return { fields, strict };
}

// ---- valid bodies from the schema ----------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = fc.record({ y: fc.integer({ min: 2027, max: 2031 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const cents = (min: number) => fc.bigInt({ min: BigInt(min), max: 10_000_000_000n }).map((c) => `${c / 100n}.${pad(Number(c % 100n))}`);

/** What zod-fast-check cannot generate itself (a regex or a refinement it would have to find by filtering). */
function leafArbitrary(leaf: ZodTypeAny, core: ZodTypeAny): fc.Arbitrary<unknown> | undefined {
  if (typeName(core) !== 'ZodString') return undefined;
  const checks: Array<{ kind: string; regex?: RegExp }> = def(core).checks ?? [];
  const regex = checks.find((c) => c.kind === 'regex')?.regex;
  const kind = stringKind(leaf, core);
  switch (kind.t) {
    case 'date':
      return kind.firstOfJanuary ? fc.integer({ min: 2028, max: 2031 }).map((y) => `${y}-01-01`) : isoDate;
    case 'period':
      return fc.tuple(fc.integer({ min: 2027, max: 2031 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`);
    case 'money':
      return kind.sign === 'positive' ? cents(1) : kind.sign === 'nonNegative' ? cents(0) : fc.tuple(fc.boolean(), cents(1)).map(([neg, v]) => (neg ? `-${v}` : v));
    case 'ratio':
      return fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2));
    default:
      return regex ? fc.stringMatching(regex) : undefined;
  }
}

/** zod-fast-check, with `leafArbitrary` for every leaf of `schema` that needs one. */
export function zodFastCheckFor(schema: ZodTypeAny) {
  let zfc = ZodFastCheck();
  const seen = new Set<ZodTypeAny>();
  const visit = (s: ZodTypeAny) => {
    if (seen.has(s)) return;
    seen.add(s);
    const t = typeName(s);
    if (t === 'ZodOptional' || t === 'ZodDefault') return visit(def(s).innerType);
    let core = s;
    while (typeName(core) === 'ZodEffects') core = def(core).schema;
    const arb = leafArbitrary(s, core);
    if (arb) {
      zfc = zfc.override(s, arb);
      return;
    }
    const ct = typeName(core);
    if (ct === 'ZodObject') Object.values(def(core).shape() as Record<string, ZodTypeAny>).forEach(visit);
    else if (ct === 'ZodArray') visit(def(core).type);
    else if (ct === 'ZodRecord') {
      visit(def(core).keyType);
      visit(def(core).valueType);
    }
  };
  visit(schema);
  return zfc;
}

/** Bodies the schema accepts, from zod-fast-check (JSON round-tripped: what goes over the wire). */
export function validBodies(schema: ZodTypeAny): fc.Arbitrary<any> {
  return zodFastCheckFor(schema)
    .inputOf(schema)
    .map((v) => JSON.parse(JSON.stringify(v ?? {})));
}

// ---- bad values by kind --------------------------------------------------------------------------------------

export const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f'];
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const BAD_DATES = [
  '2027-02-30', '2027-02-29', '2027-04-31', '27-1-1', '2027-1-1', '2027-13-01', '2027-00-10', '2027-06-00', '2027/06/01', '20270601',
  '2027-06-01T00:00:00Z', '2027-06-01 ', ' 2027-06-01', '2027-06-01\n', '01-06-2027', 'today', '', '0000-01-01', '+2027-06-01', '-2027-06-01',
  '99999-01-01', '2027-W22-1', '2027-152', '２０２７-０６-０１',
];
const BAD_PERIODS = ['2027-Q5', '2027-Q0', '2027Q2', '27-Q2', '2027-q2', '2027-Q2 ', '', '2027-H1', '2027-06', 'Q2-2027', '２０２７-Q2'];
const BAD_MONEY = [
  '1.005', '0.001', '1e5', '1E5', '1e-2', '12,000.00', '$100.00', '100 USD', ' 100.00', '100.00 ', '+100.00', '0x10', 'NaN', 'Infinity', '-Infinity',
  '', '.50', '5.', '1.2.3', '--1.00', '1'.repeat(17), `${'9'.repeat(40)}.00`, '１００.00', '١٠٠', '100.00\u0000', '1_000.00', '1 000.00',
];
const BAD_RATIOS = ['1e-2', '.5', '5.', '50%', '1/2', '0,5', '-0.5', '-0', '-0.00', '0.1234567890123', '', ' 0.5', 'half', '1'.repeat(17), '0.5\n', '０.５', 'NaN'];
const BAD_IDS = [
  '', ' ', '-leading', '.dot', '_under', 'has space', 'a/b', '../../etc/passwd', 'x'.repeat(65), 'ünïcödé', '😀', 'a\u0000b', 'a\u200bb', "x' OR '1'='1", '<script>', 'tab\there', 'a\nb', 'a\u202eb',
];
const STRING_WRONG_TYPES = [0, 123, -1, 1.5, 1e21, 1350000, true, false, null, [], ['x'], {}, { value: 'x' }];

export function badValues(kind: Kind): unknown[] {
  switch (kind.t) {
    case 'id':
      return BAD_IDS;
    case 'text':
      return ['', '   ', '\t\n ', 'x'.repeat(kind.max + 1), ...CONTROLS.map((c) => `bad${c}text`), ...LONE_SURROGATES.map((c) => `bad${c}text`)];
    case 'note':
      return ['x'.repeat(kind.max + 1), ...CONTROLS.map((c) => `bad${c}note`), ...LONE_SURROGATES.map((c) => `bad${c}note`)];
    case 'date':
      return [...BAD_DATES, ...(kind.firstOfJanuary ? ['2028-06-01', '2028-01-02'] : [])];
    case 'period':
      return BAD_PERIODS;
    case 'money':
      // A signed non-zero amount (an adjustment, a revenue correction) takes negatives: only its zeros are bad.
      if (kind.sign === 'nonZero') return [...BAD_MONEY, '-0.00', '-0', '-0.0', '0.00', '0', '0.0'];
      return [...BAD_MONEY, '-0.00', '-0', '-0.0', ...(kind.sign === 'any' ? ['-1.00'] : ['-1.00', '-0.01']), ...(kind.sign === 'positive' ? ['0.00', '0', '0.0'] : [])];
    case 'ratio':
      return BAD_RATIOS;
    case 'int':
      return [String(kind.min + 1), '', 'one', kind.min + 0.5, kind.min - 1, kind.max + 1, 1e12, -1e12];
    case 'bool':
      return ['true', 'false', 1, 0, 'yes', ''];
    case 'enum':
      return [...kind.values.flatMap((v) => [v.toLowerCase(), `${v} `, ` ${v}`, `${v}\u0000`, fullWidth(v)]), 'UNKNOWN', '', '*'].filter((v) => !kind.values.includes(v));
    case 'gateKey':
      return ['g1', '1G', '', 'G 1', 'G-1', 'G'.repeat(17), 'G1 ', 'Ｇ１', 'G1\u0000'];
    case 'docType':
      return ['award_letter', 'AWARD-LETTER', 'AWARD LETTER', '', 'A'.repeat(65), '1AWARD', 'AWARD_LETTER\n', 'ÄWARD'];
    case 'array':
      return [...(kind.min >= 1 ? [[]] : []), [null], ['junk'], [[]], [42]];
    case 'object':
    case 'record':
      return [[], [{}]];
  }
}

export function wrongTypes(kind: Kind): unknown[] {
  switch (kind.t) {
    case 'int':
      return ['3', true, false, null, [], [1], {}, { n: 1 }];
    case 'bool':
      return [null, [], [true], {}, 'TRUE'];
    case 'array':
      return ['x', 1, true, null, {}, { 0: 'x' }];
    case 'object':
    case 'record':
      return ['x', 1, true, null];
    case 'money':
      return [...STRING_WRONG_TYPES, 100, 100.5, 1e5, -0, 0.1 + 0.2];
    default:
      return STRING_WRONG_TYPES;
  }
}

export const isStringKind = (kind: Kind) => ['id', 'text', 'note', 'date', 'period', 'money', 'ratio', 'enum', 'gateKey', 'docType'].includes(kind.t);
export const lengthLimit = (kind: Kind) => (kind.t === 'id' ? 64 : kind.t === 'text' || kind.t === 'note' ? kind.max : 64);

/** Unicode that keeps a regex-constrained value invalid (for free text these are legal, so only control characters are used there). */
export const unicodeTwists = (kind: Kind, valid: string): string[] =>
  kind.t === 'text' || kind.t === 'note'
    ? [...CONTROLS, ...LONE_SURROGATES].map((c) => `${valid.slice(0, 1)}${c}${valid.slice(1)}`)
    : [`${valid}\u0000`, `\u200b${valid}`, `${valid}\u202e`, `${valid}😀`, `${valid}\u0301`, fullWidth(valid), `${valid}\ud800`, `\ufeff${valid}`];

/** An array one longer than its maximum, made of copies of its first element. */
const overlong = (kind: Kind, current: unknown): unknown[] =>
  kind.t === 'array' && kind.max < 2000 && Array.isArray(current) && current.length ? [Array.from({ length: kind.max + 1 }, () => current[0])] : [];

// ---- paths ---------------------------------------------------------------------------------------------------

export const P = (path: string): Path => (path ? path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : []);
export const show = (path: Path) => path.join('.') || '(body)';
export const getAt = (o: any, path: Path) => path.reduce((acc, k) => (acc !== null && typeof acc === 'object' ? acc[k] : undefined), o);
export const setAt = (o: any, path: Path, value: unknown) => {
  const parent = getAt(o, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') parent[path[path.length - 1]] = value;
};
export const deleteAt = (o: any, path: Path) => {
  const parent = getAt(o, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else delete parent[path[path.length - 1]];
};
export const preview = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 37)}…(${s.length})` : s;
};

// ---- mutations -----------------------------------------------------------------------------------------------

/** Every field once with every bad value, wrong type, unicode twist, one-past-the-limit length; every required field left out. */
export function exhaustiveMutations(schema: ZodTypeAny, base: unknown): Mutation[] {
  const { fields } = fieldsOf(schema, base);
  return fields.flatMap((x) => [
    ...[...badValues(x.kind), ...overlong(x.kind, getAt(base, x.path)), ...wrongTypes(x.kind)].map((v) => ({ label: `bad ${x.kind.t} ${show(x.path)}=${preview(v)}`, apply: (o: any) => setAt(o, x.path, v) })),
    ...(isStringKind(x.kind)
      ? [
          ...unicodeTwists(x.kind, String(getAt(base, x.path))).map((v) => ({ label: `unicode ${show(x.path)}=${preview(v)}`, apply: (o: any) => setAt(o, x.path, v) })),
          { label: `long ${show(x.path)} (${lengthLimit(x.kind) + 1} chars)`, apply: (o: any) => setAt(o, x.path, 'x'.repeat(lengthLimit(x.kind) + 1)) },
        ]
      : []),
    ...(x.required ? [{ label: `missing ${show(x.path)}`, apply: (o: any) => deleteAt(o, x.path) }] : []),
  ]);
}

const junk = fc.oneof(
  fc.constantFrom<unknown>(1, 'x', null, true, [], {}, { $gt: '' }, { $where: 'sleep(1)' }, "'; DROP TABLE deals; --"),
  fc.jsonValue({ maxDepth: 3 }),
);
const extraKey = fc.oneof(
  fc.constantFrom('isAdmin', 'roles', 'status', 'createdBy', 'approvedBy', 'ID', 'Id', 'id ', ' id', '', 'constructor', 'toString', 'hasOwnProperty', '$where'),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.fullUnicodeString({ minLength: 1, maxLength: 6 }),
);

/** One mutation of `body` (its fields from the schema): weighted as the hand-written fuzz was. */
export function mutationOf(schema: ZodTypeAny, body: unknown): fc.Arbitrary<Mutation> {
  const { fields, strict } = fieldsOf(schema, body);
  const required = fields.filter((x) => x.required);
  const strings = fields.filter((x) => isStringKind(x.kind));
  const knownKeys = (path: Path) => new Set(Object.keys(getAt(body, path) ?? {}));
  const arbs: Array<fc.WeightedArbitrary<Mutation>> = [];
  if (strict.length) {
    arbs.push({
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...strict), extraKey, junk)
        .filter(([path, key]) => !knownKeys(path).has(key))
        .map(([path, key, value]) => ({ label: `unknown field ${show([...path, key])}=${preview(value)}`, apply: (o: any) => setAt(o, [...path, key], value) })),
    });
  }
  if (fields.length) {
    arbs.push({
      weight: 6,
      arbitrary: fc.constantFrom(...fields).chain((x) =>
        fc.constantFrom(...badValues(x.kind), ...overlong(x.kind, getAt(body, x.path))).map((v) => ({ label: `bad ${x.kind.t} ${show(x.path)}=${preview(v)}`, apply: (o: any) => setAt(o, x.path, v) })),
      ),
    });
    arbs.push({
      weight: 3,
      arbitrary: fc.constantFrom(...fields).chain((x) => fc.constantFrom(...wrongTypes(x.kind)).map((v) => ({ label: `wrong type ${show(x.path)}=${preview(v)}`, apply: (o: any) => setAt(o, x.path, v) }))),
    });
  }
  if (strings.length) {
    arbs.push({
      weight: 2,
      arbitrary: fc.constantFrom(...strings).chain((x) =>
        fc.constantFrom(lengthLimit(x.kind) + 1, 10_000, 300_000).map((n) => ({ label: `long ${show(x.path)} (${n} chars)`, apply: (o: any) => setAt(o, x.path, 'x'.repeat(n)) })),
      ),
    });
    arbs.push({
      weight: 2,
      arbitrary: fc.constantFrom(...strings).chain((x) =>
        fc.constantFrom(...unicodeTwists(x.kind, String(getAt(body, x.path)))).map((v) => ({ label: `unicode ${show(x.path)}=${preview(v)}`, apply: (o: any) => setAt(o, x.path, v) })),
      ),
    });
  }
  if (required.length) {
    arbs.push({ weight: 2, arbitrary: fc.constantFrom(...required).map((x) => ({ label: `missing ${show(x.path)}`, apply: (o: any) => deleteAt(o, x.path) })) });
  }
  return fc.oneof(...arbs);
}

/**
 * A body zod-fast-check generated as valid, then broken by one or two mutations; only bodies the schema refuses
 * are kept (so any 2xx is the API accepting what its own schema refuses).
 */
export function invalidBodies(schema: ZodTypeAny): fc.Arbitrary<{ label: string; body: any }> {
  return validBodies(schema)
    .chain((valid) => {
      const mutation = mutationOf(schema, valid);
      return fc.tuple(fc.constant(valid), mutation, fc.option(mutation, { nil: undefined, freq: 3 }));
    })
    .map(([valid, m1, m2]) => {
      const body = JSON.parse(JSON.stringify(valid));
      m1.apply(body);
      m2?.apply(body);
      return { label: `${m2 ? `${m1.label} + ${m2.label}` : m1.label} (on a generated valid body)`, body };
    })
    .filter(({ body }) => !schema.safeParse(body).success);
}

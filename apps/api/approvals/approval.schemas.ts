import { z } from 'zod';
import { id, page, storable, STORABLE_MESSAGE, text } from '../http/fields';

export const approveSchema = z.object({ note: z.string().max(2000).refine(storable, STORABLE_MESSAGE).optional() }).strict();
export const rejectSchema = z.object({ reason: text(2000) }).strict();

export const queueQuery = z
  .object({
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).default('PENDING'),
    dealId: id.optional(),
    ...page,
  })
  .strict();

import { z } from 'zod';
import { isFirstOfJanuary } from '../../../libs/domain';
import { id, isoDate, money, page, text } from '../http/fields';

export const createRepSchema = z
  .object({
    id,
    name: text(200),
    role: text(64),
    hireDate: isoDate,
    quarterlyDraw: money.refine((v) => !v.startsWith('-'), 'must not be negative'),
    planId: id,
    managerId: id.optional(),
  })
  .strict();

export const repPlanMoveSchema = z
  .object({
    planId: id,
    effectiveFrom: isoDate.refine(isFirstOfJanuary, 'a rep moves to a newer plan only from a 1 January (YYYY-01-01)'),
  })
  .strict();

export const departureSchema = z
  .object({
    effectiveDate: isoDate,
    goodStanding: z.boolean(),
    reassignments: z.array(z.object({ dealId: id, newOwner: id }).strict()).max(1000).default([]),
  })
  .strict();

export const yearQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200) }).strict();

/** GET /reps: filters and a page of the directory. */
export const repListQuery = z
  .object({
    status: z.enum(['ACTIVE', 'DEPARTED', 'FINISHED']).optional(),
    managerId: id.optional(),
    ...page,
  })
  .strict();

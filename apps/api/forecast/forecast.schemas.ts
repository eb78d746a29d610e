import { z } from 'zod';
import { id, isoDate, period } from '../http/fields';

export const forecastQuery = z.object({ from: period.optional(), to: period.optional(), owner: id.optional(), asOf: isoDate.optional() }).strict();
export const accuracyQuery = z.object({ owner: id.optional() }).strict();
export const teamQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional(), asOf: isoDate.optional() }).strict();
export const portfolioQuery = z.object({ asOf: isoDate.optional() }).strict();

import { z } from 'zod';
import { period, text } from '../http/fields';

export const createBatchSchema = z.object({ period }).strict();
export const batchListQuery = z.object({ period: period.optional() }).strict();
/** The payroll system's reference for the payment (its run or file id). */
export const markPaidSchema = z.object({ reference: text(200) }).strict();

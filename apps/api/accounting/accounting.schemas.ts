import { z } from 'zod';
import { period } from '../http/fields';

export const accountingPeriodQuery = z.object({ period }).strict();

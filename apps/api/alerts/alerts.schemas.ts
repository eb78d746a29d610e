import { z } from 'zod';
import { ALERT_KINDS, ALERT_STATUSES } from '../../../libs/domain';
import { page } from '../http/fields';

/** GET /alerts: filters and a page. */
export const alertListQuery = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    kind: z.enum(ALERT_KINDS).optional(),
    ...page,
  })
  .strict();

import { z } from 'zod';
import { ALERT_KINDS, ALERT_STATUSES } from '../../../libs/domain';
import { named } from '../http/openapi';
import { gateKeyOut, idOut, instantOut, isoDateOut } from '../http/response-fields';

/** An aging alert as the API answers it (libs/persistence/alerts.repository.ts `AlertRecord`). */
export const alertResponse = named('Alert', z
  .object({
    id: idOut.describe('approval-aging:<approvalId> or gate-aging:<dealId>:<gate>'),
    kind: z.enum(ALERT_KINDS),
    status: z.enum(ALERT_STATUSES).describe('OPEN while the approval is still pending or the gate still open; RESOLVED once it is not'),
    dealId: idOut,
    sponsor: z.string(),
    program: z.string(),
    ownerId: idOut.describe("the deal's owner now"),
    approvalId: idOut.optional(),
    gate: gateKeyOut.optional(),
    dueAt: instantOut.describe('when the item became overdue (wall time)'),
    raisedAt: instantOut,
    message: z.string(),
    detail: z
      .object({
        submittedAt: instantOut.optional(),
        agingDays: z.number().int().optional(),
        since: isoDateOut.optional().describe("the previous gate's effectiveDate, or sourcedAt"),
        monthsFromPrevious: z.number().optional(),
        alertOn: isoDateOut.optional().describe('since + 1.5 × monthsFromPrevious'),
      })
      .strict(),
  })
  .strict());

export const alertListResponse = z.array(alertResponse);

import { z } from 'zod';
import { documentedAs, named } from '../http/openapi';
import { idOut, instantOut } from '../http/response-fields';

const hashOut = z.string().regex(/^[0-9a-f]{64}$/).describe('sha256 (hex) of the Markdown');

/** The terms of a plan version for one rep (plan-documents.service.ts). */
export const planDocumentResponse = named('PlanDocument', z.object({ repId: idOut, planId: idOut, hash: hashOut, markdown: z.string() }).strict());

/** The same terms as a PDF (Accept: application/pdf); its hash is printed on it and in its info (Subject, DocumentHash). */
export const planDocumentPdfResponse = documentedAs(z.string(), { type: 'string', format: 'binary' });

export const planAcknowledgementResponse = named('PlanAcknowledgement', z.object({ repId: idOut, planId: idOut, hash: hashOut, acknowledgedAt: instantOut }).strict());

/** A rep's acknowledgements, the reminders sent to them, and where they stand on the version in force today. */
export const planAcknowledgementsResponse = named('PlanAcknowledgements', z
  .object({
    repId: idOut,
    current: z
      .object({ planId: idOut, hash: hashOut, requireAcknowledgement: z.boolean(), acknowledged: z.boolean(), acknowledgedAt: instantOut.optional() })
      .strict()
      .describe('the document of the version in force today'),
    acknowledgements: z.array(planAcknowledgementResponse),
    remindersSent: z.number().int().min(0),
    reminders: z.array(z.object({ planId: idOut, week: z.number().int().min(1), sentAt: instantOut }).strict()),
  })
  .strict());

import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { planDocumentPdf } from './plan-document-pdf';
import { PLAN_DOCUMENT_ROLES } from './plan-documents.policy';
import { planAcknowledgementResponse, planAcknowledgementsResponse, planDocumentPdfResponse, planDocumentResponse } from './plan-documents.responses';
import { acknowledgePlanSchema, planDocumentQuery } from './plan-documents.schemas';
import { PlanDocumentsService } from './plan-documents.service';
import { Command } from '../http/command';

/** The terms of a rep's plan version and the rep's acknowledgement of exactly those terms. */
@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class PlanDocumentsController {
  constructor(private readonly documents: PlanDocumentsService) {}

  @Get(':id/plan-document')
  @ApiDocumented({
    roles: PLAN_DOCUMENT_ROLES.read,
    response: planDocumentResponse,
    alsoAs: { 'application/pdf': planDocumentPdfResponse },
    errors: [400, 404],
    params: { id },
    query: planDocumentQuery,
    description:
      'The terms of the rep’s plan version in force today (or `planId`, a version they are, were or will be on) with their own draw, as Markdown with its sha256 `hash`; ' +
      'the same terms as a PDF with Accept: application/pdf (the hash printed on it and in its info).',
  })
  async document(@Param('id') repId: string, @Query() raw: unknown, @Headers('accept') accept: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const document = await this.documents.document(id.parse(repId), parseQuery(planDocumentQuery, raw).planId, actor);
    if (!wantsPdf(accept)) return document;
    res.header('ETag', `"${document.hash}"`);
    return new StreamableFile(await planDocumentPdf(document), {
      type: 'application/pdf',
      disposition: `attachment; filename="plan-${document.planId}-${document.repId}.pdf"`,
    });
  }

  @Command(':id/plan-acknowledgements')
  @ApiDocumented({
    roles: PLAN_DOCUMENT_ROLES.acknowledge,
    response: { 201: planAcknowledgementResponse, 200: planAcknowledgementResponse },
    errors: [403, 404, 409],
    params: { id },
    description:
      'The rep acknowledges the document of a plan version by its hash (201); the same hash again answers the first acknowledgement (200). ' +
      'A hash that is not the document’s current one is 409 PLAN_DOCUMENT_CHANGED; anyone but the rep 403.',
  })
  @DocumentBody(acknowledgePlanSchema)
  async acknowledge(@Param('id') repId: string, @ValidBody(acknowledgePlanSchema) body: z.infer<typeof acknowledgePlanSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, record } = await this.documents.acknowledge(id.parse(repId), body, actor);
    res.status(created ? 201 : 200);
    return record;
  }

  @Get(':id/plan-acknowledgements')
  @ApiDocumented({
    roles: PLAN_DOCUMENT_ROLES.read,
    response: planAcknowledgementsResponse,
    errors: [400, 404],
    params: { id },
    description: 'The rep’s acknowledgements, whether the version in force today is acknowledged, and the weekly reminders sent.',
  })
  list(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.documents.list(id.parse(repId), actor);
  }
}

/** PDF when the caller asks for application/pdf ahead of (or without) JSON. */
function wantsPdf(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const pdf = types.indexOf('application/pdf');
  const json = types.findIndex((t) => t === 'application/json' || t === 'application/*');
  return pdf >= 0 && (json < 0 || pdf < json);
}

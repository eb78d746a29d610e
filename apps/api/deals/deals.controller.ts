import { Body, Controller, Get, HttpCode, Param, Query, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { isMultipart } from '../artifacts/artifact-upload.guard';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { ArtifactUploadGuard, UploadedFile } from '../artifacts/artifact-upload.guard';
import { ACCEPTED_CONTENT_TYPES } from '../artifacts/content-signature';
import { evidenceHeaders } from '../artifacts/evidence-headers';
import { emptySchema, id } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBodies, DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { artifactSchema, bonusEventSchema, createDealSchema, dealListQuery, descopeSchema, killSchema, revenueSchema, slipSchema } from './deal.schemas';
import { DealCommandsService } from './deal-commands.service';
import { DealCreationService } from './deal-creation.service';
import { DealEvidenceService } from './deal-evidence.service';
import { DealReadsService } from './deal-reads.service';
import { DEAL_ROLES } from './deals.policy';
import { artifactFileResponse, artifactResponse, artifactUploadBody, dealListResponse, dealViewResponse, historyResponse, submissionResponse } from './deals.responses';
import { Command } from '../http/command';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly creation: DealCreationService,
    private readonly reads: DealReadsService,
    private readonly commands: DealCommandsService,
    private readonly evidence: DealEvidenceService,
  ) {}

  @Command()
  @ApiDocumented({ roles: DEAL_ROLES.create, response: { 201: dealViewResponse, 200: dealViewResponse }, errors: [403, 409, 422], description: 'Creates a deal (201); the same id and body again answers the deal as it is now (200).' })
  @DocumentBody(createDealSchema)
  async create(@ValidBody(createDealSchema) body: z.infer<typeof createDealSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, deal } = await this.creation.create(body, actor);
    res.status(created ? 201 : 200);
    return deal;
  }

  @Get()
  @ApiDocumented({ roles: 'authenticated', response: dealListResponse, errors: [400], query: dealListQuery, description: 'The deals the caller may see.' })
  list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.reads.list(parseQuery(dealListQuery, query), actor);
  }

  @Get(':id')
  @ApiDocumented({ roles: 'authenticated', response: dealViewResponse, errors: [400, 404], params: { id } })
  @ApiQuery({ name: 'source', required: false, enum: ['workflow'], description: 'ask the deal workflow instead of the read model (diagnostics)' })
  get(@Param('id') dealId: string, @Query('source') source: string | undefined, @CurrentActor() actor: Actor) {
    return this.reads.get(id.parse(dealId), actor, source === 'workflow');
  }

  @Get(':id/history')
  @ApiDocumented({ roles: DEAL_ROLES.history, response: historyResponse, errors: [400, 404], params: { id } })
  @ApiQuery({ name: 'format', required: false, enum: ['business', 'temporal'] })
  history(@Param('id') dealId: string, @Query('format') format: string | undefined, @CurrentActor() actor: Actor) {
    return this.reads.history(id.parse(dealId), format, actor);
  }

  /**
   * Two requests on one path (docs/api.md v1 keeps the JSON one): a gate's evidence submitted for approval (JSON, 202), or
   * an evidence file uploaded to the deal (multipart/form-data with the part `file`, 201), which a submission then
   * names by `artifactId`.
   */
  @Command(':id/artifacts')
  @HttpCode(202)
  @ApiDocumented({
    roles: DEAL_ROLES.submitEvidence,
    response: { 202: submissionResponse, 201: artifactResponse },
    errors: [404, 409, 413, 415, 422],
    description:
      'JSON: submits a gate artifact, a pending approval for the deal desk (202); it names its evidence by `documentRef`, `artifactId` (an uploaded file, whose SHA-256 then goes into the workflow history) or both. ' +
      'multipart/form-data with one part `file`: uploads an evidence file (PDF, PNG, JPEG or WebP, told by its content; at most ARTIFACT_MAX_BYTES) to the deal (201).',
    params: { id },
  })
  @UseGuards(ArtifactUploadGuard)
  @DocumentBodies({ 'application/json': artifactSchema, 'multipart/form-data': artifactUploadBody })
  artifact(@Param('id') dealId: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() req: AuthedRequest & { file?: UploadedFile }, @Res({ passthrough: true }) res: Response) {
    if (isMultipart(req)) {
      res.status(201);
      return this.evidence.upload(id.parse(dealId), req.file, actor);
    }
    return this.commands.submitArtifact(id.parse(dealId), artifactSchema.parse(body ?? {}), actor, updateIdFor(req, `artifact:${dealId}`));
  }

  /** The evidence file itself, with its SHA-256 as ETag and Digest; `If-None-Match` with it answers 304. */
  @Get(':id/artifacts/:artifactId')
  @ApiDocumented({
    roles: DEAL_ROLES.readEvidence,
    response: artifactFileResponse,
    contentType: ACCEPTED_CONTENT_TYPES,
    errors: [404],
    description:
      'The evidence file, inline, with `ETag: "<sha256>"`, `Digest`/`Repr-Digest: sha-256=<base64>` and Content-Disposition; `If-None-Match` with the ETag answers 304. ' +
      'A rep opens only the files they uploaded; a manager those of their team\'s deals.',
    params: { id, artifactId: z.string() },
  })
  async downloadArtifact(@Param('id') dealId: string, @Param('artifactId') artifactId: string, @CurrentActor() actor: Actor, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    const { record, content } = await this.evidence.download(id.parse(dealId), artifactId, actor);
    const headers = evidenceHeaders(record);
    res.headers(headers);
    if (req.headers['if-none-match'] === headers.ETag) {
      res.status(304);
      return undefined;
    }
    const options = { type: record.contentType, length: record.size, disposition: headers['Content-Disposition'] };
    return Buffer.isBuffer(content) ? new StreamableFile(content, options) : new StreamableFile(content, options);
  }

  @Command(':id/bonus-events')
  @HttpCode(202)
  @ApiDocumented({ roles: DEAL_ROLES.submitEvidence, response: submissionResponse, status: 202, errors: [404, 409, 422], description: 'Submits a design-win bonus event: a pending approval for the deal desk.', params: { id } })
  @DocumentBody(bonusEventSchema)
  bonusEvent(@Param('id') dealId: string, @ValidBody(bonusEventSchema) body: z.infer<typeof bonusEventSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.submitBonusEvent(id.parse(dealId), body, actor, updateIdFor(req, `bonus:${dealId}`));
  }

  @Command(':id/descope')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(descopeSchema)
  descope(@Param('id') dealId: string, @ValidBody(descopeSchema) body: z.infer<typeof descopeSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.descope(id.parse(dealId), body, actor, updateIdFor(req, `descope:${dealId}`));
  }

  @Command(':id/kill')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(killSchema)
  kill(@Param('id') dealId: string, @ValidBody(killSchema) body: z.infer<typeof killSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.kill(id.parse(dealId), body, actor, updateIdFor(req, `kill:${dealId}`));
  }

  @Command(':id/slip')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(slipSchema)
  slip(@Param('id') dealId: string, @ValidBody(slipSchema) body: z.infer<typeof slipSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.slip(id.parse(dealId), body, actor, updateIdFor(req, `slip:${dealId}`));
  }

  @Command(':id/revenue')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.finance, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(revenueSchema)
  revenue(@Param('id') dealId: string, @ValidBody(revenueSchema) body: z.infer<typeof revenueSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.recordRevenue(id.parse(dealId), body, actor, updateIdFor(req, `revenue:${dealId}`));
  }

  @Command(':id/close')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.finance, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(emptySchema)
  close(@Param('id') dealId: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.close(id.parse(dealId), actor, updateIdFor(req, `close:${dealId}`));
  }
}

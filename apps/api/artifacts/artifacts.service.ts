import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Actor } from '../../../libs/contracts';
import { EvidenceArtifact } from '../../../libs/domain';
import { ArtifactStores } from '../../../libs/persistence/artifact-store';
import { ArtifactRecord, ArtifactsRepository } from '../../../libs/persistence/artifacts.repository';
import { refuse } from '../http/problem';
import { FILE_FIELD, UploadedFile } from './artifact-upload.guard';
import { ACCEPTED_CONTENT_TYPES, detectContentType } from './content-signature';

export const ARTIFACT_STORES = Symbol('ARTIFACT_STORES');

/** An artifact as the API answers it (POST /deals/{id}/artifacts with a file). */
export function artifactView(a: ArtifactRecord) {
  return { id: a.id, sha256: a.sha256, contentType: a.contentType, size: a.size, filename: a.filename, uploadedBy: a.uploadedBy, uploadedAt: a.uploadedAt };
}

/** What a submission carries of an artifact (and the queue and deal show): no uploader, no storage. */
export function evidenceOf(a: ArtifactRecord): EvidenceArtifact {
  return { id: a.id, sha256: a.sha256, contentType: a.contentType, size: a.size, filename: a.filename };
}

/** A name safe to store and to send back in Content-Disposition: no path, no control characters, at most 255 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]|\p{Cs}/gu, '').trim().slice(0, 255);
  return clean || 'evidence';
}

/**
 * Evidence files on deals. Access is the deal policy's (checked by the caller first); here: the file's type by its
 * content, its SHA-256, and where its bytes are kept.
 */
@Injectable()
export class ArtifactsService {
  constructor(
    @Inject(ARTIFACT_STORES) private readonly stores: ArtifactStores,
    private readonly artifacts: ArtifactsRepository,
  ) {}

  async upload(dealId: string, file: UploadedFile | undefined, actor: Actor) {
    if (!file || file.fieldname !== FILE_FIELD) {
      throw refuse('VALIDATION_FAILED', `send the evidence as multipart/form-data with the file in the part "${FILE_FIELD}"`, [{ path: FILE_FIELD, message: 'required' }]);
    }
    if (file.size === 0) throw refuse('VALIDATION_FAILED', 'the file is empty', [{ path: FILE_FIELD, message: 'must not be empty' }]);
    const contentType = detectContentType(file.buffer);
    if (!contentType) {
      throw refuse('UNSUPPORTED_MEDIA_TYPE', `the file's content is none of ${ACCEPTED_CONTENT_TYPES.join(', ')} (the type is read from the bytes, not from the name or the Content-Type sent)`, [
        { path: FILE_FIELD, message: 'must be a PDF, PNG, JPEG or WebP file' },
      ]);
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const record = await this.stores.writer.save(
      { id: randomUUID(), dealId, sha256, contentType, size: file.size, filename: cleanFilename(file.originalname), uploadedBy: actor.id },
      file.buffer,
    );
    return artifactView(record);
  }

  /** The artifact `artifactId` of this deal, or 404 (one of another deal does not exist here either). */
  async find(dealId: string, artifactId: string): Promise<ArtifactRecord> {
    const record = await this.artifacts.find(artifactId);
    if (!record || record.dealId !== dealId) throw refuse('NOT_FOUND', `deal ${dealId} has no artifact ${artifactId}`);
    return record;
  }

  /** The evidence a submission names: an artifact uploaded to this deal, else 422 on the field (nothing is submitted). */
  async evidenceFor(dealId: string, artifactId: string): Promise<EvidenceArtifact> {
    const record = await this.artifacts.find(artifactId);
    if (!record || record.dealId !== dealId) {
      throw refuse('UNKNOWN_ARTIFACT', `deal ${dealId} has no artifact ${artifactId}: upload the file to this deal first`, [{ path: 'artifactId', message: `no artifact ${artifactId} on deal ${dealId}` }]);
    }
    return evidenceOf(record);
  }

  async content(record: ArtifactRecord): Promise<Buffer | Readable> {
    const store = this.stores.reader(record.storage);
    if (!store) throw refuse('SERVICE_UNAVAILABLE', `artifact ${record.id} is kept in S3, which this server is not configured for (ARTIFACT_STORE=s3)`);
    const content = await store.open(record);
    if (!content) throw refuse('INTERNAL', `the bytes of artifact ${record.id} are missing from its store`);
    return content;
  }
}

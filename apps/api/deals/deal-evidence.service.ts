import { Injectable } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';
import { EvidenceArtifact } from '../../../libs/domain';
import { UploadedFile } from '../artifacts/artifact-upload.guard';
import { ArtifactsService } from '../artifacts/artifacts.service';
import { DealsPolicy } from './deals.policy';

/** Where an uploaded artifact is read: the documentRef of a submission that names the artifact and no reference of its own. */
export const artifactPath = (dealId: string, artifactId: string) => `/deals/${dealId}/artifacts/${artifactId}`;

/** Evidence files on a deal (issue 11 item 6), under the deal's access rules. */
@Injectable()
export class DealEvidenceService {
  constructor(
    private readonly policy: DealsPolicy,
    private readonly artifacts: ArtifactsService,
  ) {}

  async upload(dealId: string, file: UploadedFile | undefined, actor: Actor) {
    await this.policy.refuseUnlessMayUploadEvidence(dealId, actor);
    return this.artifacts.upload(dealId, file, actor);
  }

  /** The artifact's record and bytes: 404 for a deal the caller does not see or an artifact it does not have. */
  async download(dealId: string, artifactId: string, actor: Actor) {
    await this.policy.visibleDeal(dealId, actor);
    const record = await this.artifacts.find(dealId, artifactId);
    this.policy.refuseUnlessMayReadEvidence(record.uploadedBy, actor);
    return { record, content: await this.artifacts.content(record) };
  }

  /**
   * What a submission names as its evidence: a reference to a document kept elsewhere, an artifact uploaded to this
   * deal (422 for any other), or both. Without a reference of its own, the artifact's path is the reference.
   */
  async evidence(dealId: string, ref: string | undefined, artifactId: string | undefined): Promise<{ ref: string; artifact?: EvidenceArtifact }> {
    if (artifactId === undefined) return { ref: ref! };
    const artifact = await this.artifacts.evidenceFor(dealId, artifactId);
    return { ref: ref ?? artifactPath(dealId, artifactId), artifact };
  }
}

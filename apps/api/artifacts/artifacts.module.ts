import { Module } from '@nestjs/common';
import { artifactStores } from '../../../libs/persistence/artifact-store';
import { ArtifactsRepository } from '../../../libs/persistence/artifacts.repository';
import { TrancheConfig } from '../../../libs/platform/config';
import { CONFIG } from '../tokens';
import { ArtifactUploadGuard } from './artifact-upload.guard';
import { ARTIFACT_STORES, ArtifactsService } from './artifacts.service';

/**
 * Evidence files (issue 11 item 6): kept in PostgreSQL, or in S3-compatible storage with ARTIFACT_STORE=s3. Their
 * routes are the deal's (POST /deals/{id}/artifacts with a file, GET /deals/{id}/artifacts/{artifactId}), so the
 * deals module serves them under its policy.
 */
@Module({
  providers: [
    {
      provide: ARTIFACT_STORES,
      useFactory: (config: TrancheConfig, artifacts: ArtifactsRepository) =>
        artifactStores(artifacts, config.artifacts.store.kind === 's3' ? config.artifacts.store.s3 : undefined),
      inject: [CONFIG, ArtifactsRepository],
    },
    ArtifactsService,
    ArtifactUploadGuard,
  ],
  exports: [ArtifactsService, ArtifactUploadGuard],
})
export class ArtifactsModule {}

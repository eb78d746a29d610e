import { DataSource } from 'typeorm';
import type { EvidenceArtifact } from '../domain';

export type ArtifactStorage = 'postgres' | 's3';

/** An uploaded evidence file as recorded: what a submission names, plus who uploaded it, when, to which deal and where it is stored. */
export interface ArtifactRecord extends EvidenceArtifact {
  dealId: string;
  uploadedBy: string;
  uploadedAt: string;
  storage: ArtifactStorage;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRecord = (r: any): ArtifactRecord => ({
  id: r.id,
  dealId: r.deal_id,
  sha256: r.sha256,
  contentType: r.content_type,
  size: r.size,
  filename: r.filename,
  uploadedBy: r.uploaded_by,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
  storage: r.storage,
});

/** The `artifacts` table: every artifact's record, and its bytes when they are stored in PostgreSQL. */
export class ArtifactsRepository {
  constructor(private readonly db: DataSource) {}

  /** Records an artifact; `content` only when PostgreSQL stores the bytes (NULL when they are in S3). */
  async insert(artifact: Omit<ArtifactRecord, 'uploadedAt'>, content: Buffer | null): Promise<ArtifactRecord> {
    const [row] = await this.db.query(
      `INSERT INTO artifacts (id, deal_id, sha256, content_type, size, filename, uploaded_by, storage, content)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       RETURNING id, deal_id, sha256, content_type, size, filename, uploaded_by, uploaded_at, storage`,
      [artifact.id, artifact.dealId, artifact.sha256, artifact.contentType, artifact.size, artifact.filename, artifact.uploadedBy, artifact.storage, content],
    );
    return toRecord(row);
  }

  async find(id: string): Promise<ArtifactRecord | undefined> {
    // The column is a uuid: anything else is no artifact (not a cast error).
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT id, deal_id, sha256, content_type, size, filename, uploaded_by, uploaded_at, storage FROM artifacts WHERE id = $1`,
      [id],
    );
    return row && toRecord(row);
  }

  /** The bytes of an artifact stored in PostgreSQL. */
  async content(id: string): Promise<Buffer | undefined> {
    const [row] = await this.db.query(`SELECT content FROM artifacts WHERE id = $1 AND content IS NOT NULL`, [id]);
    return row?.content;
  }
}

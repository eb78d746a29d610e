import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { RefusalError } from '../domain';
import { ArtifactRecord, ArtifactsRepository, ArtifactStorage } from './artifacts.repository';

/** An artifact about to be kept: its record without where and when (the store and the database say). */
export type NewArtifact = Omit<ArtifactRecord, 'storage' | 'uploadedAt'>;

/**
 * Where evidence files' bytes live. The record (hash, type, size, name, uploader) is always a row of `artifacts`;
 * the bytes go with it in PostgreSQL, or to an S3-compatible bucket.
 */
export interface ArtifactStore {
  readonly storage: ArtifactStorage;
  /** Keeps the bytes and records the artifact. */
  save(artifact: NewArtifact, content: Buffer): Promise<ArtifactRecord>;
  /** The bytes of an artifact this store holds; undefined when they are missing. */
  open(artifact: ArtifactRecord): Promise<Buffer | Readable | undefined>;
}

/** The default: the bytes in the artifact's own row (bytea), written in one statement with its record. */
export class PostgresArtifactStore implements ArtifactStore {
  readonly storage = 'postgres' as const;

  constructor(private readonly artifacts: ArtifactsRepository) {}

  save(artifact: NewArtifact, content: Buffer): Promise<ArtifactRecord> {
    return this.artifacts.insert({ ...artifact, storage: this.storage }, content);
  }

  open(artifact: ArtifactRecord): Promise<Buffer | undefined> {
    return this.artifacts.content(artifact.id);
  }
}

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, moto...); unset: AWS itself. Path-style addressing when set. */
  endpoint?: string;
  /** Unset: the AWS SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The bytes in an S3-compatible bucket under `artifacts/<id>`, sent with their SHA-256 so the server checks them on
 * arrival. The object is written before the record: a failure in between leaves an unreferenced object, never a record
 * without its bytes.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly storage = 's3' as const;
  private readonly s3: S3Client;

  constructor(
    private readonly artifacts: ArtifactsRepository,
    private readonly settings: S3Settings,
  ) {
    this.s3 = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.endpoint !== undefined,
      credentials: settings.credentials,
      // S3-compatible servers differ in which checksums they know: send the SHA-256 we give, nothing more.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  static key(id: string): string {
    return `artifacts/${id}`;
  }

  async save(artifact: NewArtifact, content: Buffer): Promise<ArtifactRecord> {
    await this.reach('take', () => this.s3.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: S3ArtifactStore.key(artifact.id),
        Body: content,
        ContentType: artifact.contentType,
        ContentLength: content.length,
        ChecksumSHA256: Buffer.from(artifact.sha256, 'hex').toString('base64'),
      }),
    ));
    return this.artifacts.insert({ ...artifact, storage: this.storage }, null);
  }

  async open(artifact: ArtifactRecord): Promise<Readable | undefined> {
    const get = () => this.s3.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: S3ArtifactStore.key(artifact.id) }));
    const object = await this.reach('give back', () => get().catch((err) => (err?.name === 'NoSuchKey' ? undefined : Promise.reject(err))));
    return object?.Body as Readable | undefined;
  }

  /** The bucket's trouble is the server's, not the caller's: 503, safe to retry. */
  private async reach<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw new RefusalError('SERVICE_UNAVAILABLE', `the artifact store (S3 bucket ${this.settings.bucket}) did not ${what} the file: ${(err as Error).name ?? 'error'}; retry later`);
    }
  }

  destroy(): void {
    this.s3.destroy();
  }
}

/** The stores of a running API: new artifacts go to `writer`; each artifact is read back from the store that holds it. */
export interface ArtifactStores {
  writer: ArtifactStore;
  reader(storage: ArtifactStorage): ArtifactStore | undefined;
}

/** PostgreSQL, or the S3 bucket when `s3` is configured; artifacts kept in PostgreSQL before a switch stay readable. */
export function artifactStores(artifacts: ArtifactsRepository, s3?: S3Settings): ArtifactStores {
  const postgres = new PostgresArtifactStore(artifacts);
  const bucket = s3 ? new S3ArtifactStore(artifacts, s3) : undefined;
  return {
    writer: bucket ?? postgres,
    reader: (storage) => (storage === 'postgres' ? postgres : bucket),
  };
}

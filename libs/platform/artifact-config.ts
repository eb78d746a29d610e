import type { S3Settings } from '../persistence/artifact-store';

/** Evidence uploads (issue 11 item 6): how large a file may be, and where the bytes are kept. */
export interface ArtifactConfig {
  /** ARTIFACT_MAX_BYTES, default 10 MiB: a larger upload is 413. */
  maxBytes: number;
  /** ARTIFACT_STORE=postgres (default) keeps the bytes in PostgreSQL; s3 in the S3_* bucket. */
  store: { kind: 'postgres' } | { kind: 's3'; s3: S3Settings };
}

export const DEFAULT_ARTIFACT_MAX_BYTES = 10 * 1024 * 1024;

/** Reads the ARTIFACT_* and S3_* variables; `problems` names each one that is wrong (loadConfig fails fast on them). */
export function artifactConfig(env: NodeJS.ProcessEnv): { config: ArtifactConfig; problems: string[] } {
  const problems: string[] = [];
  const rawMax = env.ARTIFACT_MAX_BYTES?.trim();
  let maxBytes = DEFAULT_ARTIFACT_MAX_BYTES;
  if (rawMax !== undefined && rawMax !== '') {
    if (/^\d+$/.test(rawMax) && Number(rawMax) >= 1 && Number(rawMax) <= 2 ** 31 - 1) maxBytes = Number(rawMax);
    else problems.push(`ARTIFACT_MAX_BYTES must be a whole number of bytes between 1 and 2147483647, got ${rawMax}`);
  }
  const kind = env.ARTIFACT_STORE?.trim() || 'postgres';
  if (kind === 'postgres') return { config: { maxBytes, store: { kind } }, problems };
  if (kind !== 's3') {
    problems.push(`ARTIFACT_STORE must be postgres or s3, got ${kind}`);
    return { config: { maxBytes, store: { kind: 'postgres' } }, problems };
  }
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) problems.push('S3_BUCKET is required when ARTIFACT_STORE=s3');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push(`S3_ENDPOINT must be an http(s) URL, got ${endpoint}`);
  const s3: S3Settings = {
    bucket: bucket ?? '',
    region: env.S3_REGION?.trim() || 'us-east-1',
    endpoint,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
  return { config: { maxBytes, store: { kind: 's3', s3 } }, problems };
}

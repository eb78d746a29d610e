import { ArtifactRecord } from '../../../libs/persistence/artifacts.repository';

/** RFC 6266 / 8187: an ASCII fallback name, and the exact name percent-encoded as UTF-8. */
export function contentDisposition(filename: string, type: 'inline' | 'attachment' = 'inline'): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The headers an evidence file is served with: its SHA-256 as the ETag (hex, as the API and the workflow history name
 * it) and as `Digest` (RFC 3230) and `Repr-Digest` (RFC 9530) in base64; shown inline, never sniffed into another type,
 * and revalidated on every use so that access is checked again.
 */
export function evidenceHeaders(record: Pick<ArtifactRecord, 'sha256' | 'filename'>) {
  const base64 = Buffer.from(record.sha256, 'hex').toString('base64');
  return {
    ETag: `"${record.sha256}"`,
    Digest: `sha-256=${base64}`,
    'Repr-Digest': `sha-256=:${base64}:`,
    'Content-Disposition': contentDisposition(record.filename),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-cache',
  };
}

import { cleanFilename } from '../../apps/api/artifacts/artifacts.service';
import { detectContentType } from '../../apps/api/artifacts/content-signature';
import { contentDisposition, evidenceHeaders } from '../../apps/api/artifacts/evidence-headers';
import { artifactConfig, DEFAULT_ARTIFACT_MAX_BYTES } from '../../libs/platform/artifact-config';

const bytes = (...parts: Array<number[] | string>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('evidence files (issue 11 item 6): type by content, names, headers, configuration', () => {
  it('recognises PDF, PNG, JPEG and WebP by their leading bytes, and nothing else', () => {
    expect(detectContentType(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(detectContentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
    expect(detectContentType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'))).toBe('image/jpeg');
    expect(detectContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    // A text file named .pdf, HTML, a zip, a RIFF that is not WebP (WAV), truncated signatures, nothing at all.
    for (const other of [bytes('just some text, saved as award.pdf'), bytes('<!doctype html><script>alert(1)</script>'), bytes('PK', [3, 4]), bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), bytes('%PDF'), bytes([0x89, 0x50, 0x4e, 0x47]), bytes([0xff, 0xd8]), bytes(' %PDF-1.4'), Buffer.alloc(0)]) {
      expect(detectContentType(other)).toBeUndefined();
    }
  });

  it('keeps a file name without its path or control characters, and sends it back safely', () => {
    expect(cleanFilename('C:\\Users\\ae\\award letter.pdf')).toBe('award letter.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\nc.png')).toBe('abc.png');
    expect(cleanFilename('   ')).toBe('evidence');
    expect(cleanFilename('x'.repeat(400))).toHaveLength(255);
    expect(contentDisposition('Zusage "Phase II" ü.pdf')).toBe(`inline; filename="Zusage _Phase II_ _.pdf"; filename*=UTF-8''Zusage%20%22Phase%20II%22%20%C3%BC.pdf`);
    expect(contentDisposition("it's (final).pdf")).toBe(`inline; filename="it's (final).pdf"; filename*=UTF-8''it%27s%20%28final%29.pdf`);
  });

  it('serves the SHA-256 as ETag (hex) and as Digest / Repr-Digest (base64)', () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const headers = evidenceHeaders({ sha256, filename: 'a.pdf' });
    expect(headers.ETag).toBe(`"${sha256}"`);
    expect(headers.Digest).toBe('sha-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(headers['Repr-Digest']).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('reads ARTIFACT_MAX_BYTES and ARTIFACT_STORE with its S3 settings, naming every wrong value', () => {
    expect(artifactConfig({})).toEqual({ config: { maxBytes: DEFAULT_ARTIFACT_MAX_BYTES, store: { kind: 'postgres' } }, problems: [] });
    expect(DEFAULT_ARTIFACT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(artifactConfig({ ARTIFACT_MAX_BYTES: '2048' }).config.maxBytes).toBe(2048);
    expect(
      artifactConfig({ ARTIFACT_STORE: 's3', S3_BUCKET: 'evidence', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }),
    ).toEqual({
      config: { maxBytes: DEFAULT_ARTIFACT_MAX_BYTES, store: { kind: 's3', s3: { bucket: 'evidence', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', credentials: { accessKeyId: 'k', secretAccessKey: 's' } } } },
      problems: [],
    });
    expect(artifactConfig({ ARTIFACT_MAX_BYTES: '10MB', ARTIFACT_STORE: 'disk' }).problems).toEqual([
      'ARTIFACT_MAX_BYTES must be a whole number of bytes between 1 and 2147483647, got 10MB',
      'ARTIFACT_STORE must be postgres or s3, got disk',
    ]);
    expect(artifactConfig({ ARTIFACT_STORE: 's3', S3_ACCESS_KEY_ID: 'k', S3_ENDPOINT: 'ftp://x' }).problems).toEqual([
      'S3_BUCKET is required when ARTIFACT_STORE=s3',
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither',
      'S3_ENDPOINT must be an http(s) URL, got ftp://x',
    ]);
  });
});

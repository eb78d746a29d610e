import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Caller } from './api';
import { Harness } from './harness';

/** Real small evidence files built in the test, and the multipart upload and raw download of tests/e2e/artifacts*.test.ts. */

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A one-page PDF 1.4 that shows `text`, with a correct cross-reference table (opens in any viewer). */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};

/** A `width`×`height` RGB PNG of one colour (a valid image: signature, IHDR, zlib IDAT with CRCs, IEND). */
export function tinyPng(width = 2, height = 2, rgb: [number, number, number] = [0x1e, 0x88, 0xe5]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method variants, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** `size` bytes that begin like a PDF (for the size limit: the type check passes, the length does not). */
export const pdfOfSize = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);

export interface FilePart {
  field?: string;
  filename: string;
  bytes: Uint8Array;
  /** What the client claims; the server reads the type from the bytes. */
  contentType?: string;
}

/** A multipart/form-data body of these file parts (and text fields), with its Content-Type. */
export function multipart(files: FilePart[], fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----tranche-${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.from(f.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /deals/{id}/artifacts with the files as multipart/form-data. */
export function upload(h: Harness, dealId: string, as: Caller, files: FilePart[], headers: Record<string, string> = {}) {
  const { body, contentType } = multipart(files);
  return h.api.request('POST', `/deals/${dealId}/artifacts`, as, { raw: new Uint8Array(body), contentType, headers });
}

/** GET a file's raw bytes (the test client reads bodies as text). */
export async function download(h: Harness, path: string, as: Caller, headers: Record<string, string> = {}) {
  const authorization = h.api.authorization(as);
  const res = await fetch(`${h.baseUrl}${path}`, { headers: { ...(authorization ? { authorization } : {}), ...headers } });
  const bytes = Buffer.from(await res.arrayBuffer());
  let problem: any;
  if (/json/.test(res.headers.get('content-type') ?? '')) problem = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, body: problem };
}

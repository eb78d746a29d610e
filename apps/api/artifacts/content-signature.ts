/**
 * The evidence types the desk can open, recognised by their leading bytes ("magic numbers"), never by the file's name
 * or the Content-Type the client sent. A file that merely starts like one of these is accepted as it: the check keeps
 * out everything else (HTML, scripts, archives, text renamed .pdf), it does not validate the document.
 */
const SIGNATURES: ReadonlyArray<{ contentType: string; matches: (b: Uint8Array) => boolean }> = [
  // PDF 1.0-2.0: "%PDF-" (ISO 32000 §7.5.2).
  { contentType: 'application/pdf', matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  // PNG: the 8-byte signature of RFC 2083 §3.1.
  { contentType: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  // JPEG: SOI marker then the start of another marker (JFIF, Exif and raw JPEG alike).
  { contentType: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  // WebP: a RIFF container whose form type is "WEBP".
  { contentType: 'image/webp', matches: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
];

export const ACCEPTED_CONTENT_TYPES = SIGNATURES.map((s) => s.contentType);

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** The content type the bytes prove, or undefined when they are none of the accepted types. */
export function detectContentType(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.contentType;
}

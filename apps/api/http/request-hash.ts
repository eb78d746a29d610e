import { createHash } from 'node:crypto';

/** What makes two requests "the same": method, path and body (with an uploaded file's bytes, when there is one). */
export function requestHash(method: string, path: string, body: unknown, file?: Uint8Array): string {
  const hash = createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`);
  if (file) hash.update('\n').update(file);
  return hash.digest('hex');
}

/**
 * Statement answers without their lines' `lineId` (derived from the other fields of the line, pinned by
 * tests/e2e/statement-lines.test.ts), for the tests that compare statement figures and lines as whole objects.
 */
export function withoutLineIds<T>(body: T): T {
  if (Array.isArray(body)) return body.map(withoutLineIds) as T;
  if (!body || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'lines' && Array.isArray(v)) out[k] = v.map((l) => (l && typeof l === 'object' ? Object.fromEntries(Object.entries(l).filter(([f]) => f !== 'lineId')) : l));
    else out[k] = k === 'statements' || Array.isArray(v) ? withoutLineIds(v) : v;
  }
  return out as T;
}

import { createHash } from 'node:crypto';
import { lineIdSources, Statement, StatementLine } from '../domain';

export type IdentifiedLine = StatementLine & { lineId: string };
export type IdentifiedStatement<S extends Statement = Statement> = Omit<S, 'lines'> & { lines: IdentifiedLine[] };

/** The statement line id (docs/rules.md "Why this line"): `ln-` and 20 hex digits of the SHA-256 of what the line shows. */
export const lineIdOf = (source: string): string => `ln-${createHash('sha256').update(source).digest('hex').slice(0, 20)}`;

/**
 * Every line with its `lineId`, computed when the stored statement is read: statements written before line ids get
 * theirs too, and a read after a restart gives the same ids. The id leads each line, as docs/api.md lists it.
 */
export function withLineIds<S extends Statement>(statement: S): IdentifiedStatement<S> {
  const sources = lineIdSources(statement.lines);
  return { ...statement, lines: statement.lines.map((line, i) => ({ lineId: lineIdOf(sources[i]), ...line })) };
}

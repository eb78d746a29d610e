import { createHash } from 'node:crypto';
import { canonicalStatement, Statement } from '../../../libs/domain';

/** docs/rules.md "Statement sign-off": SHA-256 (lower-case hex) of the statement's canonical form, as UTF-8. */
export function statementHash(statement: Statement): string {
  return createHash('sha256').update(canonicalStatement(statement), 'utf8').digest('hex');
}

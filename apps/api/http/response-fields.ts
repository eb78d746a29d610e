import { z } from 'zod';
import { BONUS_TYPES, SPLIT_ROLES } from '../../../libs/domain';

/**
 * The field types every feature's response schemas (`*.responses.ts`) are built from. They say what the API
 * answers, as precisely as a client generator and the e2e drift check (tests/support/api.ts) can use: patterns
 * where the request side uses refinements JSON Schema cannot carry.
 */
/** A money amount: a decimal string with at most 2 fractional digits, never a number; a computed sum may exceed the 12 integer digits an input may have. */
export const moneyOut = z.string().regex(/^-?\d+(\.\d{1,2})?$/).describe('money: a decimal string, e.g. "1350000.00"');
/** A rate, share, weight or factor: a decimal string. */
export const decimalOut = z.string().regex(/^-?\d{1,16}(\.\d{1,12})?$/).describe('a decimal string, e.g. "0.25"');
export const isoDateOut = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('an ISO date YYYY-MM-DD');
export const periodOut = z.string().regex(/^\d{4}-Q[1-4]$/).describe('a quarter YYYY-Qn');
/** An instant, e.g. when something was recorded: ISO 8601 in UTC. */
export const instantOut = z.string().datetime();
export const idOut = z.string().min(1);
export const gateKeyOut = z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/);
export const bonusTypeOut = z.enum(BONUS_TYPES);
export const splitRoleOut = z.enum(SPLIT_ROLES);
export const dealTypeOut = z.enum(['NEW_BUSINESS', 'EXPANSION']);
export const dealStatusOut = z.enum(['ACTIVE', 'KILLED', 'CLOSED']);
export const gateStatusOut = z.enum(['OPEN', 'PENDING', 'RETIRED', 'CANCELLED']);
export const approvalKindOut = z.enum(['GATE', 'BONUS']);
export const approvalStatusOut = z.enum(['PENDING', 'APPROVED', 'REJECTED']);

export const splitOut = z.object({ repId: idOut, role: splitRoleOut, share: decimalOut, gates: z.array(gateKeyOut).optional() }).strict();
export const recipientOut = z.object({ repId: idOut, share: decimalOut }).strict();

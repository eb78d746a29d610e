/**
 * Money stays a decimal string from the API to the page: Intl.NumberFormat formats a numeric string exactly
 * (ECMA-402 "Intl.NumberFormat v3"), so no amount ever passes through a binary float.
 */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const ratio = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

type StringFormat = { format(value: string): string };
export const money = (amount: string | null | undefined) => (amount == null ? '—' : (usd as unknown as StringFormat).format(amount));
export const percent = (decimalRatio: string | null | undefined) => (decimalRatio == null ? '—' : (ratio as unknown as StringFormat).format(decimalRatio));

/** Decimal strings compared and summed without floats: scaled to integer cents with BigInt. */
export function toCents(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Integer cents back to a decimal string, exactly. */
export function fromCents(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * Charts need numbers for bar heights: an amount becomes its integer cents over 100, for the drawing only. The
 * tooltip turns a height back into those integer cents (exact below 2^53 cents) and formats the decimal string.
 */
export const barHeight = (amount: string) => Number(toCents(amount)) / 100;
export const barMoney = (height: number) => money(fromCents(BigInt(Math.round(height * 100))));

/** Sum of decimal ratios with up to 4 places (split shares), exact. */
export function sumShares(shares: string[]): { ok: boolean; total: string } {
  let total = 0n;
  for (const s of shares) {
    const m = /^(\d+)(?:\.(\d{0,4}))?$/.exec(s.trim());
    if (!m) return { ok: false, total: 'invalid' };
    total += BigInt(m[1]) * 10000n + BigInt((m[2] ?? '').padEnd(4, '0'));
  }
  const text = `${total / 10000n}.${String(total % 10000n).padStart(4, '0')}`;
  return { ok: total === 10000n, total: text };
}

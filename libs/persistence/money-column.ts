import { ColumnOptions, ValueTransformer } from 'typeorm';
import { Money } from '../domain';

/** numeric(18,2) read and written as a two-decimal string; never a JS number. */
export const moneyTransformer: ValueTransformer = {
  to: (value?: string | null) => (value === undefined || value === null ? value : Money.format(value)),
  from: (value?: string | null) => (value === undefined || value === null ? value : Money.format(value)),
};

export const moneyColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'numeric',
  precision: 18,
  scale: 2,
  transformer: moneyTransformer,
  ...options,
});

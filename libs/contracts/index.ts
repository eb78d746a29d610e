export * from './ids';
export * from './messages';
export * from './definitions';
export * from './ledger';
export * from './aging';

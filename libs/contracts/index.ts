export * from './ids';
export * from './messages';
export * from './definitions';
export * from './ledger';
export * from './webhooks';
export * from './disputes';
export * from './plan-acknowledgement';
export * from './aging';

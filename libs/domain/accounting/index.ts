export * from './commission-asset';
export * from './journal';

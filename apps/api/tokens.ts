/** Injection tokens for the plain dependencies the API is built from. */
export const CONFIG = Symbol('CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

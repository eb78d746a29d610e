import { startTracing } from '../../libs/platform/tracing';

/** Imported first by main.ts: tracing (when TRACING=otlp) must patch http and pg before anything loads them. */
export const tracing = startTracing('api');

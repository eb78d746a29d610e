import { z } from 'zod';

/**
 * OpenTelemetry tracing, off unless TRACING=otlp. Kept apart from config.ts (and free of heavy imports) because the
 * tracing bootstrap reads it before anything else is loaded, so that the http and pg instrumentations see those
 * modules first. loadConfig validates the same variables, so a bad value still fails the start naming the problem.
 */
export interface TracingConfig {
  /** The OTel resource's service.name (OTEL_SERVICE_NAME, default tranche-api / tranche-worker). */
  serviceName: string;
}

export const TRACING_MODES = ['off', 'otlp'] as const;

const url = (name: string) =>
  z
    .string()
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), (v) => ({ message: `${name} must be an http(s) URL, got ${v}` }))
    .optional();

/**
 * The variables are the OpenTelemetry SDK's standard ones, read by the exporter itself; we only check them. The
 * exporter installed is OTLP over HTTP with JSON bodies, so http/json is the one protocol accepted.
 */
export const tracingEnvironment = z.object({
  TRACING: z
    .string()
    .default('off')
    .refine((v): v is (typeof TRACING_MODES)[number] => (TRACING_MODES as readonly string[]).includes(v), (v) => ({ message: `TRACING must be off or otlp, got ${v}` })),
  OTEL_SERVICE_NAME: z.string().min(1, 'OTEL_SERVICE_NAME must not be empty').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url('OTEL_EXPORTER_OTLP_ENDPOINT'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === 'http/json', (v) => ({ message: `OTEL_EXPORTER_OTLP_PROTOCOL must be http/json (the exporter installed), got ${v}` })),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === 'http/json', (v) => ({ message: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/json (the exporter installed), got ${v}` })),
});

/** The tracing settings, or undefined when tracing is off (or the variables are invalid: loadConfig reports them). */
export function tracingConfig(service: 'api' | 'worker', env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  const parsed = tracingEnvironment.safeParse(env);
  if (!parsed.success || parsed.data.TRACING !== 'otlp') return undefined;
  return { serviceName: parsed.data.OTEL_SERVICE_NAME ?? `tranche-${service}` };
}

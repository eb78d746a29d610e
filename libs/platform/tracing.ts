import type { IncomingMessage } from 'node:http';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { tracingConfig } from './tracing-config';

/** A started OpenTelemetry tracer provider: what the Temporal interceptors and the workflow span sink need. */
export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Flushes the spans still batched, then stops exporting. */
  shutdown(): Promise<void>;
}

/** Probes and scrapes would make a trace every few seconds. */
const UNTRACED = /^\/(health(\/|$|\?)|metrics($|\?))/;

/**
 * Starts tracing when TRACING=otlp, before the modules it instruments are loaded (call it from the process' first
 * import): a Node tracer provider (AsyncLocalStorage context, W3C trace context propagation) batching spans to the
 * OTLP/HTTP exporter, which reads OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) and OTEL_EXPORTER_OTLP_HEADERS
 * itself; incoming and outgoing HTTP and PostgreSQL queries are instrumented. With tracing off this returns undefined
 * and loads none of OpenTelemetry: no SDK, no patched module, no cost.
 */
export function startTracing(service: 'api' | 'worker', env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const config = tracingConfig(service, env);
  if (!config) return undefined;
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');

  const resource = new Resource({ 'service.name': config.serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED.test(req.url ?? '') }),
      // Only queries made for something traced (a request, an activity): not the pool's own chatter at boot.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  return { resource, spanProcessor, shutdown: () => provider.shutdown() };
}

/** The Temporal client's tracing interceptor (StartWorkflow, UpdateWithStartWorkflow, QueryWorkflow... spans, context sent in headers). */
export function tracingClientInterceptors(tracing: Tracing | undefined): WorkflowClientInterceptor[] {
  if (!tracing) return [];
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry/lib/client') as typeof import('@temporalio/interceptors-opentelemetry/lib/client');
  return [new OpenTelemetryWorkflowClientInterceptor()];
}

/**
 * The worker's side, as in Temporal's interceptors-opentelemetry sample: the workflow interceptors bundled into the
 * workflow code (RunWorkflow, HandleUpdate, StartActivity... spans made inside the sandbox from its deterministic
 * clock and ids, so replays stay deterministic) and exported through the `exporter` sink, and the activity
 * interceptors (RunActivity spans; trace ids on the activity's log lines). A bundle built beforehand (tests) carries
 * only the interceptor modules it was built with.
 */
export function workerTracingOptions(tracing: Tracing | undefined): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!tracing) return {};
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof import('@temporalio/interceptors-opentelemetry/lib/worker');
  return {
    interceptors: {
      workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
      activity: [(ctx) => ({ inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}

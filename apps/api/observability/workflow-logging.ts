import { Client, WorkflowClientInterceptor } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';

/** The request being handled (the Node request, where the request log reads), for code that has no access to it. */
const currentRequest = new AsyncLocalStorage<IncomingMessage>();
const WORKFLOW_IDS = Symbol('workflowIds');
const CONTEXT = Symbol('requestContext');
type TaggedRequest = IncomingMessage & { [WORKFLOW_IDS]?: string[] };
type WithContext = FastifyRequest & { [CONTEXT]?: AsyncResource };

/**
 * Runs each request inside its own context: this module's, and nestjs-pino's request logger, which its middleware
 * bound just before. Reading a body leaves the context (the stream's events carry the socket's), so the context is
 * taken up again right before the handler, as @fastify/request-context does.
 */
export function requestContext(http: FastifyInstance): void {
  http.addHook('onRequest', (req, _reply, done) => {
    currentRequest.run(req.raw, () => {
      (req as WithContext)[CONTEXT] = new AsyncResource('tranche.request');
      done();
    });
  });
  http.addHook('preHandler', (req, _reply, done) => {
    const context = (req as WithContext)[CONTEXT];
    if (context) context.runInAsyncScope(done);
    else done();
  });
}

/** Remembers that the current request touched this workflow (outside a request, e.g. the scheduler's start at boot: nothing). */
export function tagWorkflow(workflowId: string | undefined): void {
  const req = currentRequest.getStore() as TaggedRequest | undefined;
  if (!req || !workflowId) return;
  const ids = (req[WORKFLOW_IDS] ??= []);
  if (!ids.includes(workflowId)) ids.push(workflowId);
}

/** The log fields for the workflows a request touched: `workflowId`, and `workflowIds` when it touched several. */
export function workflowFields(req: IncomingMessage): { workflowId?: string; workflowIds?: string[] } {
  const ids = (req as TaggedRequest)[WORKFLOW_IDS] ?? [];
  if (ids.length === 0) return {};
  return ids.length === 1 ? { workflowId: ids[0] } : { workflowId: ids[0], workflowIds: [...ids] };
}

/** Every workflow call the API makes goes through here: start, update(-with-start), signal, query, describe... */
export const workflowLoggingInterceptor: WorkflowClientInterceptor = {
  async start(input, next) {
    tagWorkflow(input.options.workflowId);
    return next(input);
  },
  async startWithDetails(input, next) {
    tagWorkflow(input.options.workflowId);
    return next(input);
  },
  async startUpdate(input, next) {
    tagWorkflow(input.workflowExecution.workflowId);
    return next(input);
  },
  async startUpdateWithStart(input, next) {
    tagWorkflow(input.workflowStartOptions.workflowId);
    return next(input);
  },
  async signal(input, next) {
    tagWorkflow(input.workflowExecution.workflowId);
    return next(input);
  },
  async signalWithStart(input, next) {
    tagWorkflow(input.options.workflowId);
    return next(input);
  },
  async query(input, next) {
    tagWorkflow(input.workflowExecution.workflowId);
    return next(input);
  },
  async describe(input, next) {
    tagWorkflow(input.workflowExecution.workflowId);
    return next(input);
  },
};

/** The API's client: the caller's connection, namespace and interceptors (tracing), with the workflow ids going into the request logs. */
export function withWorkflowLogging(client: Client): Client {
  return new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    identity: client.options.identity,
    interceptors: { workflow: [workflowLoggingInterceptor, ...ownInterceptors(client)] },
  });
}

function ownInterceptors(client: Client): WorkflowClientInterceptor[] {
  const given = client.options.interceptors?.workflow;
  return Array.isArray(given) ? given : [];
}

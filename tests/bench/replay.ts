import { Client } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';

const quiet = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as any;

/** A workflows module bundled once, as a worker bundles it at start. */
export async function bundleOf(workflowsPath: string): Promise<string> {
  return (await bundleWorkflowCode({ workflowsPath, logger: quiet })).code;
}

export type RecordedHistory = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

/** A workflow's recorded history, fetched once for as many replays as the caller runs. */
export function recordedHistory(client: Client, workflowId: string): Promise<RecordedHistory> {
  return client.workflow.getHandle(workflowId).fetchHistory();
}

/**
 * The workflow code's own CPU per Update: one recorded history replayed `copies` times on `code`, in this process (the
 * SDK's workflow threads included), divided by the Updates replayed. No server, database or network takes part, so the
 * figure holds still on a noisy machine, and a deal history can be held against a baseline one like for like.
 */
export async function replayCpuPerUpdate(history: RecordedHistory, label: string, code: string, copies: number): Promise<number> {
  const updates = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length ?? 0;
  if (updates === 0) throw new Error(`${label} has no Update to replay`);
  const histories = Array.from({ length: copies }, (_, i) => ({ workflowId: `${label}#${i}`, history }));
  const before = process.cpuUsage();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories)) {
    if (result.error) throw new Error(`replay of ${label} failed: ${result.error.message}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (copies * updates);
}

import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../..');

/** A process of ours (the API's or the worker's main.ts) run from the TypeScript sources, its stdout read as JSON lines. */
export interface SourceProcess {
  child: ChildProcess;
  /** Every stdout line that parsed as JSON (pino's), in order. */
  lines: Array<Record<string, any>>;
  /** Every other line, stdout or stderr: for the failure message. */
  other: string[];
  /** SIGTERM, then waits for the exit (the worker drains, the API closes and flushes its spans). */
  stop(): Promise<void>;
}

export function startFromSource(script: string, env: Record<string, string>): SourceProcess {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tests/support/swc-register.js'), join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  const other: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line));
    } catch {
      other.push(line);
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => other.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    other,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { JWT_SECRET, ROOT, Stack } from '../tests/support/processes';

/**
 * A whole stack for the console's browser tests and budget (infra/test.sh, apps/console/scripts/budget.mjs): a fresh
 * database, a Temporal dev server of its own, the worker, the API serving the built console, the demo book.
 *   node dist/infra/console-stack.js run -- <command...>   starts it, runs the command with CONSOLE_URL and
 *                                                         AUTH_JWT_SECRET set, stops it, exits with the command's status
 *   node dist/infra/console-stack.js serve                keeps it up until Ctrl-C (for writing tests)
 * Ports: CONSOLE_STACK_API_PORT (default 3700), CONSOLE_STACK_TEMPORAL_PORT (default 7700).
 */
/** Under infra/test.sh PostgreSQL is already up (TEST_DATABASE_URL names it): do not start a cluster of this checkout's own. */
class ConsoleStack extends Stack {
  postgres(command: 'ensure' | 'stop'): void {
    if (command === 'ensure' && process.env.TEST_DATABASE_URL) return;
    super.postgres(command);
  }
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const apiPort = Number(process.env.CONSOLE_STACK_API_PORT ?? 3700);
  const stack = new ConsoleStack({
    name: 'console',
    temporalPort: Number(process.env.CONSOLE_STACK_TEMPORAL_PORT ?? 7700),
    apiPort,
    env: { CONSOLE_DIST: join(ROOT, 'apps/console/dist') },
  });
  const log = (m: string) => process.stderr.write(`[console-stack] ${m}\n`);
  log(`starting a stack on :${apiPort} (logs: .run/stack-console-*.log)`);
  await stack.start();
  try {
    log('loading the demo book');
    execFileSync('node', [join(ROOT, 'dist/infra/demo.js')], { env: { ...process.env, API_PORT: String(apiPort), AUTH_JWT_SECRET: JWT_SECRET }, stdio: ['ignore', 'ignore', 'inherit'] });
    const env = { ...process.env, CONSOLE_URL: `${stack.baseUrl}/console`, API_URL: stack.baseUrl, AUTH_JWT_SECRET: JWT_SECRET };
    if (mode === 'serve') {
      log(`console at ${env.CONSOLE_URL}; Ctrl-C stops it`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
      return;
    }
    const command = rest[0] === '--' ? rest.slice(1) : rest;
    const child = spawn(command[0], command.slice(1), { env, stdio: 'inherit' });
    process.exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`[console-stack] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { JWT_SECRET, ROOT, Stack } from '../tests/support/processes';

/**
 * A whole stack for the console's browser tests and budget (infra/test.sh, apps/console/scripts/budget.mjs): a fresh
 * database, a Temporal dev server of its own, the worker, the API serving the built console and signing in with the
 * local OpenID provider (infra/oidc/provider.mjs, persona picker on), the demo book.
 *   node dist/infra/console-stack.js run -- <command...>   starts it, runs the command with CONSOLE_URL and
 *                                                         AUTH_JWT_SECRET set, stops it, exits with the command's status
 *   node dist/infra/console-stack.js serve                keeps it up until Ctrl-C (for writing tests)
 * Ports: CONSOLE_STACK_API_PORT (default 3700), CONSOLE_STACK_TEMPORAL_PORT (default 7700); CONSOLE_STACK_NAME (default
 * console) names its database and logs, so two stacks on one machine do not share them.
 */
/** Under infra/test.sh PostgreSQL is already up (TEST_DATABASE_URL names it): do not start a cluster of this checkout's own. */
class ConsoleStack extends Stack {
  postgres(command: 'ensure' | 'stop'): void {
    if (command === 'ensure' && process.env.TEST_DATABASE_URL) return;
    super.postgres(command);
  }
}

/** The local OpenID provider on a free port, for the API on `apiPort`; resolves with its issuer once it answers. */
async function startProvider(apiPort: number, clientSecret: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'infra/oidc/provider.mjs')], {
    env: { ...process.env, OIDC_PORT: '0', OIDC_CLIENT_SECRET: clientSecret, OIDC_REDIRECT_URIS: `http://127.0.0.1:${apiPort}/auth/callback` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start within 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /tranche-oidc ready (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}):\n${output}`)));
  });
  return { issuer, child };
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const apiPort = Number(process.env.CONSOLE_STACK_API_PORT ?? 3700);
  const log = (m: string) => process.stderr.write(`[console-stack] ${m}\n`);
  const clientSecret = `console-stack-${process.pid}-${Date.now()}`;
  const provider = await startProvider(apiPort, clientSecret);
  log(`OpenID provider at ${provider.issuer}`);
  const stack = new ConsoleStack({
    name: process.env.CONSOLE_STACK_NAME ?? 'console',
    temporalPort: Number(process.env.CONSOLE_STACK_TEMPORAL_PORT ?? 7700),
    apiPort,
    env: {
      CONSOLE_DIST: join(ROOT, 'apps/console/dist'),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'tranche-console',
      OIDC_CLIENT_SECRET: clientSecret,
      // The persona picker: the tests sign in as a demo user in one request (the real sign-in has its own test).
      AUTH_DEV_SECRET: 'console-stack-dev-secret',
    },
  });
  log(`starting a stack on :${apiPort} (logs: .run/stack-console-*.log)`);
  try {
    await stack.start();
    log('loading the demo book');
    // The stack's own Temporal and clock (manual: no period scheduler for the demo to wait for).
    const demoEnv = { ...process.env, API_PORT: String(apiPort), AUTH_JWT_SECRET: JWT_SECRET, TEMPORAL_ADDRESS: stack.temporalAddress, BUSINESS_CLOCK: 'manual' };
    execFileSync('node', [join(ROOT, 'dist/infra/demo.js')], { env: demoEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    const env = { ...process.env, CONSOLE_URL: `${stack.baseUrl}/console/`, API_URL: stack.baseUrl, AUTH_JWT_SECRET: JWT_SECRET };
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
    provider.child.kill('SIGTERM');
  }
}

main().catch((err) => {
  process.stderr.write(`[console-stack] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

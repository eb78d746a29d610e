import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The local OpenID provider (infra/oidc/provider.mjs) as a real process, for the e2e suite and the console's
 * Playwright setup: `startOidcProvider({ redirectUris })` spawns it on a free loopback port, waits until its
 * discovery document answers, and `stop()` kills it. No jest dependency.
 */

const ROOT = join(__dirname, '..', '..');
export const OIDC_PROVIDER_SCRIPT = join(ROOT, 'infra', 'oidc', 'provider.mjs');
export const OIDC_CLIENT_ID = 'tranche-console';
/** The provider's dev default (infra/oidc/provider.mjs); tests pass their own. */
export const OIDC_DEV_CLIENT_SECRET = 'tranche-console-dev-secret';

export interface DemoUser {
  username: string;
  password: string;
  name: string;
  roles: string[];
}

/** The demo users with their passwords (infra/oidc/demo-users.json), by username. */
export const DEMO_USERS: Record<string, DemoUser> = Object.fromEntries(
  (JSON.parse(readFileSync(join(ROOT, 'infra', 'oidc', 'demo-users.json'), 'utf8')).users as DemoUser[]).map((u) => [u.username, u]),
);

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API environment that signs in with this provider (add PUBLIC_URL / OIDC_REDIRECT_URI if not the default). */
  apiEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now (to give the API before the provider registers its redirect URI). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startOidcProvider(options: { redirectUris: string[]; clientSecret?: string; port?: number; timeoutMs?: number }): Promise<OidcProvider> {
  const clientSecret = options.clientSecret ?? `test-secret-${process.pid}-${Date.now()}`;
  const child = spawn(process.execPath, [OIDC_PROVIDER_SCRIPT], {
    env: { ...process.env, OIDC_PORT: String(options.port ?? 0), OIDC_CLIENT_SECRET: clientSecret, OIDC_REDIRECT_URIS: options.redirectUris.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`)), options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /tranche-oidc ready (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited (${code}) before it was ready:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  await waitForDiscovery(issuer, child);
  return {
    issuer,
    clientId: OIDC_CLIENT_ID,
    clientSecret,
    apiEnv: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: clientSecret },
    stop: () => stopChild(child),
  };
}

async function waitForDiscovery(issuer: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) return;
    } catch {
      /* not answering yet */
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${issuer}/.well-known/openid-configuration did not answer within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

import 'reflect-metadata';
import { CanActivate, Controller, ExecutionContext, Get, Injectable, Module, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ChildProcess, fork } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CpuMeter } from './cpu';
import { load } from './closed-loop';
import { BenchHttpClient } from './http-client';
import { openLoop } from './open-loop';
import { fmt, log, median, percentile } from './stats';

/**
 * `npm run bench:adapter`: the HTTP adapter measured before choosing it (issue 15). The same Nest application, one
 * route behind a guard that verifies an HS256 bearer token as apps/api/auth/auth.guard.ts does (a KeyObject made
 * once), served once on Express and once on Fastify, each in its own process; the rounds alternate between them.
 * Figures: closed loop at 50 clients (req/s, p50, p99, the server's CPU per request) and open loop at a fixed rate
 * (p99). It isolates the adapter: no database, no Temporal, none of the API's middleware.
 */

const SECRET = 'adapter-bench-secret';
const key = createSecretKey(Buffer.from(SECRET, 'utf8'));

@Injectable()
class BearerGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const header: string | undefined = ctx.switchToHttp().getRequest().headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new UnauthorizedException();
    try {
      const claims = jwt.verify(header.slice(7), key, { algorithms: ['HS256'] }) as { sub: string; roles: string[] };
      ctx.switchToHttp().getRequest().actor = { id: claims.sub, roles: claims.roles };
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

@Controller()
class MeController {
  @Get('me')
  @UseGuards(BearerGuard)
  me(@Req() req: { actor: { id: string; roles: string[] } }) {
    return { id: req.actor.id, roles: req.actor.roles };
  }
}

@Module({ controllers: [MeController], providers: [BearerGuard] })
class AdapterBenchModule {}

async function serve(adapter: 'express' | 'fastify', port: number): Promise<void> {
  const app =
    adapter === 'express'
      ? await NestFactory.create(AdapterBenchModule, new ExpressAdapter(), { logger: false })
      : await NestFactory.create(AdapterBenchModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  process.send?.('ready');
}

interface Server {
  name: 'express' | 'fastify';
  child: ChildProcess;
  client: BenchHttpClient;
  cpu: CpuMeter;
}

function start(name: Server['name'], port: number): Promise<Server> {
  const child = fork(__filename, ['--serve', name, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve({ name, child, client: new BenchHttpClient(`http://127.0.0.1:${port}`), cpu: new CpuMeter(() => child.pid, () => undefined, port, '') }));
    child.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
}

/** The closed-loop load on one server, with the server process's CPU per request; any answer but 200 fails the run. */
async function closedLoop(server: Server, token: string, clients: number, total: number) {
  const c0 = server.cpu.snapshot();
  const run = await load(clients, total, () => server.client.request('GET', '/me', token).then((res) => {
    if (res.status !== 200) throw new Error(`${server.name}: GET /me → ${res.status} `);
  }));
  const failed = Object.values(run.errors).reduce((a, b) => a + b, 0);
  if (failed > 0) throw new Error(`${server.name}: ${failed} of ${total} requests failed: ${JSON.stringify(run.errors)}`);
  const cpuMs = (CpuMeter.delta(c0, server.cpu.snapshot()).worker * 1000) / total;
  return { rate: run.rate, p50: percentile(run.latencies, 50), p99: percentile(run.latencies, 99), cpuMsPerRequest: cpuMs };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serve(process.argv[3] as Server['name'], Number(process.argv[4]));
  const rounds = 3;
  const total = 5_000;
  const clients = 50;
  const rate = 300;
  const token = jwt.sign({ sub: 'bench-admin', roles: ['comp_admin'] }, key, { algorithm: 'HS256', expiresIn: '1h' });
  const servers = [await start('express', 3660), await start('fastify', 3661)];
  const results: Record<string, Array<Awaited<ReturnType<typeof closedLoop>> & { openP99: number }>> = { express: [], fastify: [] };
  try {
    for (const s of servers) await closedLoop(s, token, clients, 1_000); // warm-up: JIT, sockets
    for (let r = 1; r <= rounds; r++) {
      for (const s of servers) {
        const closed = await closedLoop(s, token, clients, total);
        const open = await openLoop(rate, rate * 10, (k) => s.client.request('GET', '/me', token).then(() => k));
        const openP99 = percentile(open.latencies, 99);
        results[s.name].push({ ...closed, openP99 });
        log(`round ${r} ${s.name}: ${fmt(closed.rate, 0)} req/s, p50 ${fmt(closed.p50)} ms, p99 ${fmt(closed.p99)} ms, ${fmt(closed.cpuMsPerRequest, 3)} ms CPU/request; open loop ${rate}/s p99 ${fmt(openP99)} ms`);
      }
    }
  } finally {
    for (const s of servers) {
      s.client.close();
      s.child.kill();
    }
  }
  const m = (name: string, k: 'rate' | 'p50' | 'p99' | 'cpuMsPerRequest' | 'openP99') => median(results[name].map((x) => x[k]));
  console.log(`\nHTTP adapter, same Nest app and bearer guard, ${clients} clients x ${total} requests, ${rounds} rounds (medians); open loop at ${rate} req/s for 10 s`);
  console.log('| adapter | req/s | p50 ms | p99 ms | server CPU ms/request | open-loop p99 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const name of ['express', 'fastify']) {
    console.log(`| ${name} | ${fmt(m(name, 'rate'), 0)} | ${fmt(m(name, 'p50'))} | ${fmt(m(name, 'p99'))} | ${fmt(m(name, 'cpuMsPerRequest'), 3)} | ${fmt(m(name, 'openP99'))} |`);
  }
  console.log(`\nFastify / Express throughput: ${fmt(m('fastify', 'rate') / m('express', 'rate'), 2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

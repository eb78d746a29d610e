import fastifyStatic from '@fastify/static';
import { Controller, DynamicModule, Get, Inject, Injectable, Logger, Module, OnModuleInit, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Public } from '../auth/roles';
import { refuse } from '../http/problem';

const CONSOLE_ROOT = Symbol('CONSOLE_ROOT');

/** apps/console/dist from this file, in the sources (jest) as in dist/apps/api/console (node). */
function consoleDist(): string | undefined {
  const configured = process.env.CONSOLE_DIST;
  if (configured) return existsSync(join(configured, 'index.html')) ? configured : undefined;
  for (let dir = __dirname, i = 0; i < 6; i++, dir = join(dir, '..')) {
    const candidate = join(dir, 'apps', 'console', 'dist');
    if (existsSync(join(dir, 'infra')) && existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

/** The build's files, each at its own route under /console (@fastify/static); hashed names are cached for a year. */
@Injectable()
class ConsoleFiles implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONSOLE_ROOT) private readonly root: string,
  ) {}

  async onModuleInit(): Promise<void> {
    const assets = join(this.root, 'assets');
    const http = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await http.register(fastifyStatic, {
      root: this.root,
      prefix: '/console/',
      // One route per file of the build, so every other path under /console reaches ConsoleController.
      wildcard: false,
      index: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
}

/** Deep links get the page, revalidated on every load; a missing file under /console/assets is a 404, not the page. */
@ApiExcludeController()
@Controller()
class ConsoleController {
  constructor(@Inject(CONSOLE_ROOT) private readonly root: string) {}

  @Get(['console', 'console/*'])
  @Public()
  async page(@Req() req: FastifyRequest, @Res() res: FastifyReply) {
    if (req.url.startsWith('/console/assets/')) throw refuse('NOT_FOUND', 'no such file in the console build');
    const html = await readFile(join(this.root, 'index.html'));
    return res.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
  }
}

/**
 * The web console (apps/console, a Vite build) at /console, same origin as the API. Without a build the API starts
 * without it.
 */
@Module({})
export class ConsoleModule {
  static register(): DynamicModule {
    const root = consoleDist();
    if (!root) {
      new Logger('ConsoleModule').warn(`the console is not built (${process.env.CONSOLE_DIST ?? 'apps/console/dist'} has no index.html); serving the API without /console (npm run up builds it)`);
      return { module: ConsoleModule };
    }
    return { module: ConsoleModule, controllers: [ConsoleController], providers: [{ provide: CONSOLE_ROOT, useValue: root }, ConsoleFiles] };
  }
}

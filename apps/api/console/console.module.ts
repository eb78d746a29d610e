import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';

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

/**
 * The web console (apps/console, a Vite build) at /console, same origin as the API. Deep links get index.html;
 * a missing file under /console/assets is a 404, not the page. Without a build the API starts without it.
 */
@Module({})
export class ConsoleModule {
  static register(): DynamicModule {
    const rootPath = consoleDist();
    if (!rootPath) {
      new Logger('ConsoleModule').warn(`the console is not built (${process.env.CONSOLE_DIST ?? 'apps/console/dist'} has no index.html); serving the API without /console (npm run up builds it)`);
      return { module: ConsoleModule };
    }
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          serveRoot: '/console',
          exclude: ['/console/assets/{*path}'],
          serveStaticOptions: {
            index: false,
            fallthrough: true,
            // Hashed file names never change: cache them for a year; the page itself is always revalidated.
            setHeaders: (res: Response, path: string) => {
              res.setHeader('Cache-Control', path.startsWith(join(rootPath, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
            },
          },
        }),
      ],
    };
  }
}

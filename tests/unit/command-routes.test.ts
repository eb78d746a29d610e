import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from '../../apps/api/http/idempotency.interceptor';
import { DomainMetricsInterceptor } from '../../apps/api/observability/domain-metrics.interceptor';

/**
 * Idempotency-Key and the domain metrics sit on the command routes (apps/api/http/command.ts), not globally: every
 * POST handler of every controller must carry both, the metrics outside, and no read may carry either (they only
 * cost a read CPU).
 */
const API = join(__dirname, '..', '..', 'apps', 'api');
const controllerFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? controllerFiles(path) : name.endsWith('.controller.ts') ? [path] : [];
  });

interface Route { name: string; method: RequestMethod; interceptors: unknown[] }

function routes(): Route[] {
  const found: Route[] = [];
  for (const file of controllerFiles(API)) {
    for (const exported of Object.values(require(file) as Record<string, unknown>)) {
      if (typeof exported !== 'function' || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
      const proto = (exported as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        found.push({ name: `${exported.name}.${key}`, method, interceptors: Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [] });
      }
    }
  }
  return found;
}

describe('command routes', () => {
  const all = routes();
  const posts = all.filter((r) => r.method === RequestMethod.POST);

  it('finds the API\'s routes', () => {
    expect(posts.length).toBeGreaterThanOrEqual(31);
    expect(all.length).toBeGreaterThan(posts.length);
  });

  it('gives every POST the domain metrics, then Idempotency-Key, in that order', () => {
    const wrong = posts.filter((r) => r.interceptors.length !== 2 || r.interceptors[0] !== DomainMetricsInterceptor || r.interceptors[1] !== IdempotencyInterceptor);
    expect(wrong.map((r) => r.name)).toEqual([]);
  });

  it('gives no read an interceptor', () => {
    expect(all.filter((r) => r.method !== RequestMethod.POST && r.interceptors.length > 0).map((r) => r.name)).toEqual([]);
  });
});

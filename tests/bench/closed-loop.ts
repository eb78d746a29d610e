import { log } from './stats';

/**
 * The closed-loop load generator: each client sends its next request once the last one answered (no think time).
 * Its open-loop counterpart, for a fixed arrival rate, is tests/bench/open-loop.ts.
 */
export interface Load {
  latencies: number[];
  /** Requests per second the clients got through. */
  rate: number;
  /** Failed requests by HTTP status (or 'network'); their latencies count too: a client waited for them. */
  errors: Record<string, number>;
}

/** Wall-clock milliseconds of one call. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Counts a failed request under its HTTP status (or 'network'), logging the first of each kind. */
export function countFailure(errors: Record<string, number>, err: Error): void {
  const status = / → (\d{3}) /.exec(err.message)?.[1] ?? 'network';
  if (!errors[status]) log(`  first ${status} failure: ${err.message.slice(0, 300)}`);
  errors[status] = (errors[status] ?? 0) + 1;
}

/** `total` requests from `clients` concurrent clients, each looping with no think time; every latency in ms. */
export async function load(clients: number, total: number, request: (n: number) => Promise<unknown>): Promise<Load> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, total) }, async () => {
      while (next < total) {
        const n = next++;
        latencies.push(await timed(() => request(n).catch((err: Error) => countFailure(errors, err))));
      }
    }),
  );
  return { latencies, rate: total / ((performance.now() - t0) / 1000), errors };
}

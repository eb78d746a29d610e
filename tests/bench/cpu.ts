import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** CPU seconds (user + system) spent so far by the processes of the bench stack, read from /proc. */
export interface CpuSnapshot {
  worker: number;
  api: number;
  temporal: number;
  postgres: number;
  bench: number;
}

interface RawSnapshot extends Omit<CpuSnapshot, 'postgres'> {
  /** Per backend pid: backends that exit between two snapshots must not count negative. */
  postgres: Map<number, number>;
}

const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function environ(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return '';
  }
}

/** Finds the pids once: the API by its script and API_PORT, PostgreSQL backends by their title naming the database. */
export class CpuMeter {
  private apiPid?: number;

  constructor(
    private readonly workerPid: () => number | undefined,
    private readonly temporalPid: () => number | undefined,
    private readonly apiPort: number,
    private readonly database: string,
  ) {}

  snapshot(): RawSnapshot {
    const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
    if (!this.apiPid || !cmdline(this.apiPid).includes('dist/apps/api/main.js')) {
      this.apiPid = pids.find((p) => cmdline(p).includes('dist/apps/api/main.js') && environ(p).includes(`\0API_PORT=${this.apiPort}\0`));
    }
    // Backends come and go; this counts the live ones (pooled connections live as long as the API and worker).
    const backends = pids.filter((p) => cmdline(p).startsWith(`postgres: tranche ${this.database} `));
    const w = this.workerPid();
    const t = this.temporalPid();
    return {
      worker: w ? cpuSeconds(w) : 0,
      api: this.apiPid ? cpuSeconds(this.apiPid) : 0,
      temporal: t ? cpuSeconds(t) : 0,
      postgres: new Map(backends.map((p) => [p, cpuSeconds(p)])),
      bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    };
  }

  static delta(a: RawSnapshot, b: RawSnapshot): CpuSnapshot {
    let postgres = 0;
    for (const [pid, seconds] of b.postgres) postgres += seconds - (a.postgres.get(pid) ?? 0);
    return {
      worker: b.worker - a.worker,
      api: b.api - a.api,
      temporal: b.temporal - a.temporal,
      postgres,
      bench: b.bench - a.bench,
    };
  }
}

/**
 * CPU seconds of the whole machine (all cores, from /proc/stat): `busy` minus the stack's own is what other processes
 * used; `stolen` is the time the hypervisor ran other guests while this one had work (a shared host's noise).
 */
export function machineCpuSeconds(): { busy: number; stolen: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return { busy: (user + nice + system + irq + softirq) / TICKS, stolen: steal / TICKS };
}

export function total(c: CpuSnapshot): number {
  return c.worker + c.api + c.temporal + c.postgres + c.bench;
}

/** The 1-minute load average (the bench's own processes included), sampled every 5 s while the bench runs. */
export class LoadSampler {
  readonly samples: number[] = [];
  private timer?: NodeJS.Timeout;

  start(): void {
    this.samples.push(loadavg()[0]);
    this.timer = setInterval(() => this.samples.push(loadavg()[0]), 5000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

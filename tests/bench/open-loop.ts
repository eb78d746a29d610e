/**
 * An open-loop load generator: request k is due at t0 + k/rate and goes out then, whether or not the earlier ones have
 * answered, so a slow answer cannot hold back the requests behind it (no coordinated omission). Each latency runs from
 * the request's due time, not from when it actually went out: if the generator is late to send (its event loop busy,
 * the 2 cores taken), that wait counts too, as it would for a caller arriving on time.
 *
 * Closed-loop clients (`load` in bench.ts) send the next request only after the last answer, so while the system
 * stalls they stop asking, and the stall shows in one sample per client instead of in every request it delayed.
 */

export interface OpenLoopResult {
  /** Milliseconds from each request's due time to its answer (or its failure), indexed by k. */
  latencies: number[];
  /** Requests sent per second, from the first due time to the last send: `rate` when every send was on time. */
  achievedRate: number;
  /** Requests sent more than `lateMs` after their due time: the generator fell behind its schedule. */
  lateSends: number;
  /** The most any request was sent after its due time, in ms. */
  maxSendLagMs: number;
  /** From the first due time to the last answer, in seconds. */
  seconds: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => performance.now(), sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * Sends `count` requests at `rate` per second: `send(k)` is called at its due time (or as soon after as the event loop
 * allows) and not awaited before the next. A rejected `send` is timed like an answer; callers that count failures by
 * kind catch them in `send`, as `load` does.
 */
export async function openLoop(rate: number, count: number, send: (k: number) => Promise<unknown>, clock: Clock = realClock, lateMs = 10): Promise<OpenLoopResult> {
  const interval = 1000 / rate;
  const latencies = new Array<number>(count);
  const answers: Promise<void>[] = [];
  let lateSends = 0;
  let maxSendLagMs = 0;
  let lastSend = NaN;
  const t0 = clock.now();
  for (let k = 0; k < count; k++) {
    const due = t0 + k * interval;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    lastSend = clock.now();
    const lag = lastSend - due;
    if (lag > lateMs) lateSends += 1;
    maxSendLagMs = Math.max(maxSendLagMs, lag);
    const answered = () => {
      latencies[k] = clock.now() - due;
    };
    answers.push(send(k).then(answered, answered));
  }
  await Promise.all(answers);
  return {
    latencies,
    achievedRate: count > 1 ? (count - 1) / ((lastSend - t0) / 1000) : NaN,
    lateSends,
    maxSendLagMs,
    seconds: (clock.now() - t0) / 1000,
  };
}

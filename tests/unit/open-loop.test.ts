/**
 * tests/bench/open-loop.ts on a fake clock: requests go out on their schedule whatever the earlier ones do, and each
 * latency runs from the request's due time, so a generator that falls behind is counted, not hidden.
 */
import { Clock, openLoop } from '../bench/open-loop';

/** A clock that moves only when told to; `sleep` lets the answers already in hand land first, then moves. */
function fakeClock() {
  let time = 1_000;
  const clock: Clock = {
    now: () => time,
    sleep: async (ms) => {
      await null;
      time += ms;
    },
  };
  return { clock, advance: (ms: number) => (time += ms), elapsed: () => time - 1_000 };
}

describe('openLoop', () => {
  it('sends request k at t0 + k/rate; answers on the spot take 0 ms and the achieved rate is the rate', async () => {
    const { clock, elapsed } = fakeClock();
    const sentAt: number[] = [];
    const result = await openLoop(100, 10, async (k) => void (sentAt[k] = elapsed()), clock);
    expect(sentAt).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(result.latencies).toEqual(new Array(10).fill(0));
    expect(result.achievedRate).toBe(100);
    expect(result.lateSends).toBe(0);
    expect(result.maxSendLagMs).toBe(0);
  });

  it('does not wait for a slow answer before the next send, and times the slow one from its due time', async () => {
    const { clock, elapsed } = fakeClock();
    const sentAt: number[] = [];
    let answerFirst!: () => void;
    const result = await openLoop(
      100,
      8,
      (k) => {
        sentAt[k] = elapsed();
        if (k === 0) return new Promise<void>((r) => (answerFirst = r));
        if (k === 5) answerFirst();
        return Promise.resolve();
      },
      clock,
    );
    expect(sentAt).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(result.latencies[0]).toBe(50);
    expect(result.latencies.slice(1)).toEqual(new Array(7).fill(0));
    expect(result.lateSends).toBe(0);
  });

  it('counts the sends it was late with, and their lateness in their latency (no coordinated omission)', async () => {
    const { clock, advance } = fakeClock();
    // Request 3 holds the event loop for 50 ms (the 2 cores busy): requests 4 to 7 are due before it lets go.
    const result = await openLoop(100, 10, async (k) => void (k === 3 && advance(50)), clock);
    expect(result.latencies).toEqual([0, 0, 0, 50, 40, 30, 20, 10, 0, 0]);
    expect(result.lateSends).toBe(3); // 40, 30 and 20 ms late; 10 ms is not more than 10
    expect(result.maxSendLagMs).toBe(40);
    expect(result.achievedRate).toBe(100);
  });

  it('times a failed request like an answered one', async () => {
    const { clock } = fakeClock();
    const result = await openLoop(100, 3, async (k) => {
      if (k === 1) throw new Error('503');
    }, clock);
    expect(result.latencies).toEqual([0, 0, 0]);
  });
});

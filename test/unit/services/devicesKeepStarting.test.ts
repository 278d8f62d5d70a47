import { describe, expect, it } from 'vitest';
import { ExchangeStartTimeout, keepStarting, type StartTrouble } from '../../../src/services/devices/keepStarting';
import type { Exchange } from '../../../src/services/devices/exchangeLoop';
import { fakeClock } from './fakeClock';

const flush = () => new Promise<void>((r) => setImmediate(r));

function exchange(): Exchange & { stopped: boolean[]; crash(reason: string): void } {
  const stopped: boolean[] = [];
  const failed: ((reason: string) => void)[] = [];
  return {
    stopped,
    crash: (reason) => failed.forEach((f) => f(reason)),
    onFailed: (f) => void failed.push(f),
    status: () => ({}) as ReturnType<Exchange['status']>,
    onStatus: () => () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    stop: async (leave) => void stopped.push(leave),
  };
}

describe('keepStarting', () => {
  it('waits longer after each failed start (1 s, 2 s, 4 s) and tells each failure', async () => {
    const clock = fakeClock(0);
    const failures: StartTrouble[] = [];
    let attempts = 0;
    const started: Exchange[] = [];
    keepStarting({
      clock,
      start: async () => {
        attempts++;
        if (attempts < 4) throw new Error(`refused ${attempts}`);
        return exchange();
      },
      failed: (t) => failures.push(t),
      started: (x) => started.push(x),
    });
    await flush();
    expect(failures).toEqual([{ attempt: 1, reason: 'refused 1', retryAt: 1000 }]);
    clock.advance(999);
    await flush();
    expect(attempts).toBe(1);
    clock.advance(1);
    await flush();
    expect(failures.at(-1)).toEqual({ attempt: 2, reason: 'refused 2', retryAt: 3000 });
    clock.advance(2000);
    await flush();
    expect(failures.at(-1)).toEqual({ attempt: 3, reason: 'refused 3', retryAt: 7000 });
    clock.advance(4000);
    await flush();
    expect(attempts).toBe(4);
    expect(started).toHaveLength(1);
  });

  it('stopped while a start is under way: the start is aborted, and an exchange that still arrives is stopped as asked', async () => {
    const clock = fakeClock(0);
    let signal: AbortSignal | undefined;
    let arrive!: (x: Exchange) => void;
    const started: Exchange[] = [];
    const k = keepStarting({
      clock,
      start: (s) => ((signal = s), new Promise<Exchange>((r) => (arrive = r))),
      failed: () => undefined,
      started: (x) => started.push(x),
    });
    let done = false;
    const stopping = k.stop(true).then(() => (done = true));
    expect(signal?.aborted).toBe(true);
    await flush();
    expect(done).toBe(false);
    const late = exchange();
    arrive(late);
    await stopping;
    expect(late.stopped).toEqual([true]);
    expect(started).toEqual([]);
  });
  it('a start that hangs is abandoned at its time limit and tried again; when it answers after all, that exchange is stopped and never reported', async () => {
    const clock = fakeClock(0);
    const signals: AbortSignal[] = [];
    const answers: ((x: Exchange) => void)[] = [];
    const failures: StartTrouble[] = [];
    const started: Exchange[] = [];
    keepStarting({
      clock,
      start: (s) => (signals.push(s), new Promise<Exchange>((r) => answers.push(r))),
      failed: (t) => failures.push(t),
      started: (x) => started.push(x),
    });
    await flush();
    clock.advance(59_999);
    await flush();
    expect(failures).toEqual([]);
    expect(signals[0]!.aborted).toBe(false);
    clock.advance(1);
    await flush();
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[0]!.reason).toBeInstanceOf(ExchangeStartTimeout);
    expect(failures).toEqual([{ attempt: 1, reason: 'it did not start within 60 s', retryAt: 61_000 }]);
    clock.advance(1000);
    await flush();
    expect(signals).toHaveLength(2);
    // The abandoned first start answers now: it must not run beside the second, nor be told as started.
    const late = exchange();
    answers[0]!(late);
    await flush();
    expect(late.stopped).toEqual([false]);
    expect(started).toEqual([]);
    // The second attempt has a longer limit (two minutes) and its answer is the one that runs.
    clock.advance(60_000);
    await flush();
    expect(failures).toHaveLength(1);
    const good = exchange();
    answers[1]!(good);
    await flush();
    expect(started).toEqual([good]);
    expect(good.stopped).toEqual([]);
  });

  it('an exchange that stops by itself after a good start (its worker crashed) is told with the reason, let go, and started again', async () => {
    const clock = fakeClock(0);
    const failures: StartTrouble[] = [];
    const made: ReturnType<typeof exchange>[] = [];
    const started: Exchange[] = [];
    keepStarting({
      clock,
      start: async () => (made.push(exchange()), made.at(-1)!),
      failed: (t) => failures.push(t),
      started: (x) => started.push(x),
    });
    await flush();
    expect(started).toEqual([made[0]]);
    clock.advance(5000);
    made[0]!.crash('The devices worker stopped: out of memory');
    await flush();
    expect(failures).toEqual([{ attempt: 1, reason: 'The devices worker stopped: out of memory', retryAt: 6000, afterStart: true }]);
    expect(made[0]!.stopped).toEqual([false]);
    clock.advance(1000);
    await flush();
    expect(made).toHaveLength(2);
    expect(started).toEqual([made[0], made[1]]);
    // A second report from the first one changes nothing.
    made[0]!.crash('again');
    await flush();
    expect(failures).toHaveLength(1);
  });
});

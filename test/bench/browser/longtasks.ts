/**
 * Long tasks on the page's main thread (Long Tasks API: any task over 50 ms). Entries are kept
 * with their times so each benchmark phase can ask for the longest task inside its window.
 */
export class LongTasks {
  private readonly entries: { start: number; end: number; duration: number }[] = [];
  private readonly observer: PerformanceObserver | undefined;
  readonly supported: boolean;

  constructor() {
    this.supported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
    if (!this.supported) return;
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.entries.push({ start: e.startTime, end: e.startTime + e.duration, duration: e.duration });
    });
    this.observer.observe({ type: 'longtask', buffered: true });
  }

  /** Longest task overlapping [from, to] (ms since navigation), 0 when none; flushes pending entries first. */
  longest(from: number, to: number): number {
    for (const e of this.observer?.takeRecords() ?? []) this.entries.push({ start: e.startTime, end: e.startTime + e.duration, duration: e.duration });
    return this.entries.filter((e) => e.end >= from && e.start <= to).reduce((m, e) => Math.max(m, e.duration), 0);
  }
}

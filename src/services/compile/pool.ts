/**
 * Runs tasks 0..count-1 with at most `concurrency` in flight, starting the next as one ends,
 * until all ran or `stop()` says to start no more. Tasks handle their own errors.
 */
export async function runPool(count: number, concurrency: number, task: (i: number) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count && !stop()) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
}

/**
 * One tab per browser holds the peer connections: the one holding this Web Lock. The lock is
 * held until the tab closes (or its page is discarded); the browser then grants it to the next
 * tab that asked, which takes the connections over. Without Web Locks (an old browser, Node)
 * every tab is its own leader, as before.
 */
const LOCK = 'metacompiler-peer-connections';

export function becomeLeaderWhenFree(onLeader: () => void): void {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    queueMicrotask(onLeader);
    return;
  }
  void locks.request(LOCK, () => {
    onLeader();
    // Never resolves: the lock is released when this page goes away.
    return new Promise<never>(() => undefined);
  });
}

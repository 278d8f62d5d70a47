import type { Live } from '../../store/live';

/**
 * Credibility for the trust dial, read through the bets feature's own service (DOMAIN.md
 * section 2 replays it from the bets). Null until a bet has been placed: a starting value
 * of 1.0 would claim a track record nobody has yet.
 * The bets service loads on subscription, not with the HUD: the HUD is on every page, and the
 * betting rules would otherwise be part of the core every page must load before it renders.
 */
export function credibility(): Live<number | null> {
  return {
    subscribe(observer) {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      import('../bets').then(
        ({ bettingDashboard }) => {
          if (closed) return;
          inner = bettingDashboard().subscribe({
            next: (d) => observer.next?.(d.total > 0 ? d.state.credibility : null),
            error: (e) => observer.error?.(e),
          });
        },
        (err: unknown) => observer.error?.(err),
      );
      return {
        unsubscribe() {
          closed = true;
          inner?.unsubscribe();
        },
      };
    },
  };
}

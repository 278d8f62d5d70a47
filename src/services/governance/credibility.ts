import type { Live } from '../../store/live';
import { bettingDashboard } from '../bets';

/**
 * Credibility for the trust dial, read through the bets feature's own service (DOMAIN.md
 * section 2 replays it from the bets). Null until a bet has been placed: a starting value
 * of 1.0 would claim a track record nobody has yet.
 */
export function credibility(): Live<number | null> {
  return {
    subscribe(observer) {
      return bettingDashboard().subscribe({
        next: (d) => observer.next?.(d.total > 0 ? d.state.credibility : null),
        error: (e) => observer.error?.(e),
      });
    },
  };
}

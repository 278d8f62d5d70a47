import { rulesInForce, type BettingRules, type RulesAt } from '../../domain/betting/rules';
import { observeRecord, type BetRecord } from '../../store/betsRepo';
import { constitutionHistory, observeConstitutions } from '../../store/governanceRepo';
import type { Live } from '../../store/live';

export type { BettingRules, RulesAt };

/** The betting rules of the constitution in force at each time, from this browser's constitutions. */
export async function bettingRulesAt(): Promise<RulesAt> {
  return rulesInForce(await constitutionHistory());
}

export interface RuledRecord {
  record: BetRecord;
  rulesAt: RulesAt;
}

/** The bets with the rules to settle them by, again whenever a bet or the constitution changes (in any tab). */
export function observeRuledRecord(): Live<RuledRecord> {
  return {
    subscribe(observer) {
      let record: BetRecord | undefined;
      let rulesAt: RulesAt | undefined;
      const emit = () => record && rulesAt && observer.next?.({ record, rulesAt });
      const error = (e: unknown) => observer.error?.(e);
      const a = observeRecord().subscribe({ next: (r) => ((record = r), emit()), error });
      const b = observeConstitutions().subscribe({ next: (rows) => ((rulesAt = rulesInForce(rows)), emit()), error });
      return { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
    },
  };
}

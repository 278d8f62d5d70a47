import { DEFAULT_BETTING_RULES, type BettingRules } from '../governance/constitution';

export type { BettingRules };
export { DEFAULT_BETTING_RULES };

/** The betting rules in force at a time (epoch ms); +Infinity asks for the rules in force now. */
export type RulesAt = (at: number) => BettingRules;

export const defaultRulesAt: RulesAt = () => DEFAULT_BETTING_RULES;

/**
 * The rules of the constitution in force at each time, from the constitutions as adopted (any
 * order): the last one adopted at or before the time; before the first adoption, the first
 * one (it was in force from the start). With none adopted yet, the defaults of DOMAIN.md.
 * Settling each bet with the rules in force when it was resolved means an amendment changes
 * future resolutions, never past ones.
 */
export function rulesInForce(adopted: readonly { readonly createdAt: number; readonly constitution: { readonly bettingRules: BettingRules } }[]): RulesAt {
  const history = [...adopted].sort((a, b) => a.createdAt - b.createdAt);
  const first = history[0];
  if (first === undefined) return defaultRulesAt;
  return (at) => {
    let rules = first.constitution.bettingRules;
    for (const c of history) {
      if (c.createdAt > at) break;
      rules = c.constitution.bettingRules;
    }
    return rules;
  };
}

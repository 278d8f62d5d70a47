/** Where a scar sits: the thing that was harmed or that misled (DOMAIN.md section 3). */
export type ScarLocusKind = 'principle' | 'nudge' | 'spec' | 'bet' | 'governance' | 'area';
export type ScarLocus = { readonly kind: ScarLocusKind; readonly ref: string };

export const SCAR_TRIGGERS = [
  'bullshit_bet',
  'budget_crossed',
  'veto_tripped',
  'learner_jitter',
  'ledger_verification_failed',
  'constitution_change',
  'manual_incident',
] as const;
export type ScarTrigger = (typeof SCAR_TRIGGERS)[number];

/** A repair: times are epoch milliseconds. */
export type Restoration = { readonly at: number; readonly note: string };

export type Scar = {
  readonly id: string;
  readonly locus: ScarLocus;
  readonly trigger: ScarTrigger;
  /** In (0, 1]: the weight while unresolved. */
  readonly severity: number;
  readonly description: string;
  readonly createdAt: number;
  /** In time order; only ever appended to. */
  readonly restorations: readonly Restoration[];
};

export type Tone = 'unresolved' | 'vigilance' | 'earned_forgiveness';

import type { TrustLevel } from './constitution';

export type ActionKind = 'refit_priors' | 'inject_priors' | 'close_task' | 'accept_candidate' | 'bulk_delete_evidence';
export type Hazard = 'low' | 'high' | 'existential';

/** What an automated action declares before governance decides on it. */
export type Action = {
  readonly kind: ActionKind;
  readonly requiredTrust: TrustLevel;
  readonly hazard: Hazard;
  /** Its cost against the slice's external-impact budget eExtMax. */
  readonly externalCost: number;
  /** Changes a spec (forbidden to automation under existential audit). */
  readonly changesSpec: boolean;
};

/**
 * The actions of this release. Refitting only transforms the person's own data (level
 * 2, no outside effect worth counting beyond 1). Injecting priors, closing a task and
 * accepting a compiled candidate edit a spec but with one-click rollback, so they are level 3
 * and low hazard (accepting writes more code, so it costs more of the budget). Bulk deletion of
 * evidence cannot be undone: high hazard, level 4. Which actions always wait for a person,
 * whatever the trust level, is the constitution's `alwaysNeedsPerson` (bulk deletion by default).
 */
export const ACTIONS: { readonly [K in ActionKind]: Action & { readonly kind: K } } = {
  refit_priors: { kind: 'refit_priors', requiredTrust: 2, hazard: 'low', externalCost: 1, changesSpec: false },
  inject_priors: { kind: 'inject_priors', requiredTrust: 3, hazard: 'low', externalCost: 2, changesSpec: true },
  close_task: { kind: 'close_task', requiredTrust: 3, hazard: 'low', externalCost: 1, changesSpec: true },
  accept_candidate: { kind: 'accept_candidate', requiredTrust: 3, hazard: 'low', externalCost: 2, changesSpec: true },
  bulk_delete_evidence: {
    kind: 'bulk_delete_evidence',
    requiredTrust: 4,
    hazard: 'high',
    externalCost: 5,
    changesSpec: false,
  },
};

export function isHighHazard(h: unknown): boolean {
  return h === 'high' || h === 'existential';
}

export function isActionKind(v: unknown): v is ActionKind {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS, v);
}

/** Whether a logged action kind changes a spec (unknown kinds do not count as spec changes). */
export function changesSpec(kind: unknown): boolean {
  return isActionKind(kind) && ACTIONS[kind].changesSpec;
}

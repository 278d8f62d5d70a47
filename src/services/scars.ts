/**
 * Scars as use cases: raise (the triggers of DOMAIN.md section 3), restore, report an
 * incident, and the live Atlas view. Scars are never edited or deleted; a restoration is a
 * separate event. Weights and tones come from the domain with the constitution's kernel.
 *
 * For other services (e.g. a bullshit bet leaves one scar per cited principle):
 *
 *   await raiseScar({ locus: { kind: 'principle', ref: p }, trigger: 'bullshit_bet',
 *                     severity: 0.5, description: `bet ${bet.id}: 90% sure, 3x over` });
 *
 * To commit a scar together with another change, build it with `newScar(...)` and call the
 * store's `insertScar(scar, log)` inside your own `withGovernedLog([... , 'scars'], ...)`.
 */
import { ValidationError } from '../domain/errors';
import { newId } from '../domain/ids';
import { createScar } from '../domain/scars/scarLog';
import {
  DAY_MS, SCAR_FLOOR, VIGILANCE_THRESHOLD, decayCurve, isUnresolved, locusWeight, sameLocus, scarWeight, toneOf,
} from '../domain/scars/weight';
import type { ForgivenessKernel } from '../domain/scars/kernels';
import type { Scar, ScarLocus, ScarLocusKind, ScarTrigger, Tone } from '../domain/scars/types';
import { observeConstitutions } from '../store/governanceRepo';
import type { Live } from '../store/live';
import { addRestoration, addScar, locusKey, observeScars, readScars, scarExists } from '../store/scarsRepo';
import { DEFAULT_CONSTITUTION } from '../domain/governance/constitution';

export type { Scar, ScarLocus, ScarLocusKind, ScarTrigger, Tone };
export { DAY_MS, SCAR_FLOOR, VIGILANCE_THRESHOLD, scarWeight };

export interface ScarInput {
  locus: ScarLocus;
  trigger: ScarTrigger;
  /** In (0, 1]: the weight while unresolved. */
  severity: number;
  description: string;
  /** A stable id makes raising idempotent (raiseScarOnce); default: a fresh id. */
  id?: string;
  at?: number;
}

/** A validated scar, not yet stored (for callers that commit it with their own change). */
export function newScar(input: ScarInput): Scar {
  const at = input.at ?? Date.now();
  return createScar({
    id: input.id ?? newId('scar', at),
    locus: input.locus,
    trigger: input.trigger,
    severity: input.severity,
    description: input.description,
    createdAt: at,
  });
}

/** Stores a new scar and its log entry in one transaction. */
export async function raiseScar(input: ScarInput): Promise<Scar> {
  const scar = newScar(input);
  await addScar(scar);
  return scar;
}

/**
 * For triggers that may fire again for the same harm (a log mismatch seen at every start-up):
 * with a stable id, the first call leaves the scar and later ones return null.
 */
export async function raiseScarOnce(input: ScarInput & { id: string }): Promise<Scar | null> {
  if (await scarExists(input.id)) return null;
  try {
    return await raiseScar(input);
  } catch (err) {
    // Another tab raised the same scar between the check and the write.
    if (await scarExists(input.id)) return null;
    throw err;
  }
}

/** A person's report of a harm (the manual-incident trigger). */
export async function reportIncident(input: { kind: ScarLocusKind; ref: string; severity: number; description: string }): Promise<Scar> {
  const ref = input.ref.trim();
  if (!ref) throw new ValidationError('ref', 'name what was harmed (a principle, a spec, an area, ...)');
  if (!input.description.trim()) throw new ValidationError('description', 'say what happened');
  return raiseScar({
    locus: { kind: input.kind, ref },
    trigger: 'manual_incident',
    severity: input.severity,
    description: input.description.trim(),
  });
}

/** Records what was done to repair a scar; its weight starts to fade from the first restoration. */
export async function restore(scarId: string, note: string, at = Date.now()): Promise<void> {
  await addRestoration(newId('rest', at), scarId, { at, note: note.trim() });
}

export function allScars(): Promise<Scar[]> {
  return readScars();
}

export interface LocusView {
  key: string;
  locus: ScarLocus;
  tone: Tone;
  weight: number;
  scars: number;
  unresolved: number;
}

export interface AtlasView {
  scars: Scar[];
  kernel: ForgivenessKernel;
  now: number;
  loci: LocusView[];
  /** The gravest tone over all loci, or null with no scars at all. */
  tone: Tone | null;
}

const GRAVITY: Record<Tone, number> = { unresolved: 2, vigilance: 1, earned_forgiveness: 0 };

export function atlasOf(scars: Scar[], kernel: ForgivenessKernel, now: number): AtlasView {
  const loci: LocusView[] = [];
  for (const s of scars) {
    if (loci.some((l) => sameLocus(l.locus, s.locus))) continue;
    const here = scars.filter((x) => sameLocus(x.locus, s.locus));
    loci.push({
      key: locusKey(s.locus),
      locus: s.locus,
      tone: toneOf(scars, s.locus, now, kernel),
      weight: locusWeight(scars, s.locus, now, kernel),
      scars: here.length,
      unresolved: here.filter((x) => isUnresolved(x, now)).length,
    });
  }
  loci.sort((a, b) => GRAVITY[b.tone] - GRAVITY[a.tone] || b.weight - a.weight || a.key.localeCompare(b.key));
  const tone = loci.length === 0 ? null : (loci[0] as LocusView).tone;
  return { scars, kernel, now, loci, tone };
}

/** Scars, loci and tones, recomputed when a scar, a restoration or the constitution changes. */
export function atlas(now: () => number = Date.now): Live<AtlasView> {
  return {
    subscribe(observer) {
      let scars: Scar[] | undefined;
      let kernel: ForgivenessKernel = DEFAULT_CONSTITUTION.forgivenessKernel;
      const emit = () => scars && observer.next?.(atlasOf(scars, kernel, now()));
      const a = observeScars().subscribe({ next: (s) => ((scars = s), emit()), error: (e) => observer.error?.(e) });
      const b = observeConstitutions().subscribe({
        next: (rows) => {
          kernel = rows[0]?.constitution.forgivenessKernel ?? kernel;
          emit();
        },
        error: (e) => observer.error?.(e),
      });
      return { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
    },
  };
}

export interface ScarCurve {
  id: string;
  label: string;
  restored: boolean;
  /** Weight now and `horizonDays` ahead. */
  now: number;
  ahead: number;
  points: { at: number; weight: number }[];
}

/**
 * Each scar's weight from its creation until `horizonDays` after now, sampled by the domain's
 * decayCurve with the constitution's kernel (flat while unresolved, fading to the floor after).
 */
export function scarCurves(view: AtlasView, horizonDays = 60): ScarCurve[] {
  const to = view.now + horizonDays * DAY_MS;
  return view.scars.map((s) => {
    const points = decayCurve(s, view.kernel, { from: s.createdAt, to, points: 121 });
    return {
      id: s.id,
      label: `${s.locus.kind}: ${s.locus.ref}`,
      restored: !isUnresolved(s, view.now),
      now: scarWeight(s, view.now, view.kernel),
      ahead: scarWeight(s, to, view.kernel),
      points,
    };
  });
}

import type { Compilation } from '../../domain/compile/compilation';
import { observeCompilations } from '../../store/compilationsRepo';
import type { Live } from '../../store/live';

/** The compilations of one spec, or of all specs, oldest first; live across tabs. */
export function compilations(specId?: string): Live<Compilation[]> {
  return observeCompilations(specId);
}

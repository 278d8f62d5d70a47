import { readCompileSpec } from '../../domain/compile/target';
import type { Live } from '../../store/live';
import { bindSpecText } from '../../sync/specText';

/** What the spec declares for the compile loop, as it is typed (or the message saying what is missing). */
export type TargetView =
  | { ok: true; functionName: string; tests: string[]; hasCompiled: boolean }
  | { ok: false; error: string }
  | { ok: undefined };

export function compileTarget(specId: string): Live<TargetView> {
  return {
    subscribe(observer) {
      const binding = bindSpecText(specId);
      const read = (text: string) => {
        try {
          const s = readCompileSpec(text);
          observer.next?.({ ok: true, functionName: s.target.functionName, tests: s.tests.map((t) => t.name), hasCompiled: !!s.compiled });
        } catch (err) {
          observer.next?.({ ok: false, error: err instanceof Error ? err.message : String(err) });
        }
      };
      let live = true;
      const off = binding.onChange(read);
      void binding.whenLoaded.then(() => live && read(binding.text()));
      return {
        unsubscribe() {
          live = false;
          off();
          binding.release();
        },
      };
    },
  };
}

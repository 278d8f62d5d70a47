import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { createBackup } from '../../../src/services/backup';
import { createSpec } from '../../../src/services/specs';
import { placeBet, resolveBet } from '../../../src/services/bets';
import { recordRun } from '../../../src/services/evidence';
import { reportIncident, restore } from '../../../src/services/scars';

/**
 * Long unbroken strings of the kinds real data has: a URL, a fully qualified Java exception,
 * a path, a snake_case identifier, and a word with no break at all. None has a space, so only
 * the page's own wrapping rules keep them inside the viewport.
 */
export const LONG = {
  url: 'https://ci.example.org/job/metacompiler-nightly/lastFailedBuild/testReport/junit/org.example.compiler/ParserRegressionTest/test_parses_deeply_nested_generic_types_without_stack_overflow_on_windows_runners/?query=a%20b&ref=0123456789abcdef0123456789abcdef',
  exception: 'org.springframework.beans.factory.UnsatisfiedDependencyException:Error_creating_bean_with_name_compilerPipelineConfiguration_defined_in_class_path_resource[com/example/compiler/config/CompilerPipelineConfiguration.class]:Unsatisfied_dependency_expressed_through_method_tokenStreamFactory',
  path: '/home/runner/work/metacompiler/metacompiler/packages/compiler-core/src/very/deeply/nested/module/structure/that/goes/on/and/on/TypeCheckerVisitorImplementationFactory.generated.ts:1234:56',
  ident: 'always_add_exhaustive_type_hints_to_every_public_function_signature_before_generating_the_implementation_body',
  word: 'Supercalifragilisticexpialidocious'.repeat(8),
};
export const LONG_STRINGS: string[] = Object.values(LONG);

function freshNodeProfile(name: string): void {
  const factory = new IDBFactory();
  globalThis.indexedDB = factory;
  Dexie.dependencies.indexedDB = factory;
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
  useDatabase(name);
}

/**
 * A backup in which every text a person or an import can set is a long unbroken string: spec
 * titles and text, run specs, nudges and error messages, bet tasks, principles and context,
 * scar loci and descriptions, restoration notes. Made with the app's own services.
 */
export async function writeLongBundle(path: string): Promise<void> {
  freshNodeProfile('long-fixture');
  // Tokens of every colour too (nudge, bet, evidence, pass rate), for the contrast check.
  const tokens = `Do: [Nudge: "${LONG.ident}" -> +15%] · [Bet: 2h @ 70%] · [Evidence: run_x] · 62% pass (n=120)`;
  const spec = await createSpec(LONG.ident, `# ${LONG.word}\n\n- [ ] ${LONG.exception}\n- [ ] ${LONG.path}\n\n[link](${LONG.url})\n\n${LONG.url}\n\n${tokens}\n`);
  // Every other long string titles a spec of its own (the one above keeps its title unique).
  for (const s of LONG_STRINGS.filter((x) => x !== LONG.ident)) await createSpec(s.slice(0, 200), `# ${s}\n`);
  for (let i = 0; i < 24; i++) {
    const s = LONG_STRINGS[i % LONG_STRINGS.length]!;
    await recordRun({
      spec: i % 2 === 0 ? spec.id : s,
      nudges: [LONG_STRINGS[(i + 1) % LONG_STRINGS.length]!.slice(0, 200), LONG_STRINGS[(i + 2) % LONG_STRINGS.length]!.slice(0, 200)],
      passed: i % 3 === 0,
      errorText: `${LONG.exception}\n${LONG.path}\n${LONG.url}`,
    });
  }
  let at = Date.now() - 3_600_000 * 48;
  for (const s of LONG_STRINGS) {
    const placed = await placeBet({ task: s, estimatedHours: '1h', confidence: '90', stake: '2', principles: [s.slice(0, 120)], context: `${s.slice(0, 120)}, ${LONG.url.slice(0, 120)}` }, (at += 60_000));
    await resolveBet(placed.bet.id, { actualHours: '5h', completed: true }, (at += 60_000));
  }
  await placeBet({ task: LONG.url, estimatedHours: '2h', confidence: '70', stake: '1', principles: [LONG.word.slice(0, 120)], context: LONG.path.slice(0, 120) }, (at += 60_000));
  const scar = await reportIncident({ kind: 'area', ref: LONG.word.slice(0, 200), severity: 0.6, description: `${LONG.exception} ${LONG.url}` });
  await restore(scar.id, LONG.path);
  await reportIncident({ kind: 'nudge', ref: LONG.ident, severity: 0.3, description: LONG.word });
  writeFileSync(path, (await createBackup()).text);
}

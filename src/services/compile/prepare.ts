import type { Compilation } from '../../domain/compile/compilation';
import type { CompilePlan } from '../../domain/compile/policy';
import type { CompileOptions, EndpointSettings } from '../../domain/compile/settings';
import { validateEndpoint, validateOptions } from '../../domain/compile/settings';
import { CompileTargetError, readCompileSpec, type CompileSpec } from '../../domain/compile/target';
import { ValidationError } from '../../domain/errors';
import { normaliseNudge } from '../../domain/evidence/run';
import { encodeRuns } from '../../domain/learning/encode';
import { renderLearnedPriors } from '../../domain/learning/priors';
import { seedFrom } from '../../domain/random';
import { compileWorker, Comlink } from '../../compile/compileWorker';
import { allRuns, observeNudges } from '../../store/runsRepo';
import { getSpec } from '../../store/specsRepo';
import { readSpecText } from '../../sync/specSession';
import { firstValue } from '../firstValue';
import { specHashOfText } from '../evidence';
import { testConnection } from './http';
import { readApiKey, readEndpoint, readOptions } from './settings';

/**
 * Everything a compilation needs before its first request, in the order that lets it fail
 * early and write nothing: settings, the spec's target and tests, the endpoint (a connection
 * test, so an unreachable server records nothing), then the Thompson plan and the tests
 * transpiled once for all candidates.
 */
export interface Prepared {
  specId: string;
  specTitle: string;
  specText: string;
  specHash: string;
  spec: CompileSpec;
  endpoint: EndpointSettings;
  apiKey: string;
  options: CompileOptions;
  offered: { key: string; label: string }[];
  labelOf: (key: string) => string;
  plan: CompilePlan;
  priorsBlock: string;
  tests: { name: string; code: string }[];
}

export async function prepareCompile(specId: string, signal: AbortSignal): Promise<Prepared> {
  const meta = await getSpec(specId);
  if (!meta || meta.deletedAt) throw new ValidationError('spec', `no spec with id ${specId}`);
  const endpoint = validateEndpoint(await readEndpoint());
  const options = validateOptions(await readOptions(specId));
  const specText = await readSpecText(specId);
  const spec = readCompileSpec(specText);
  const apiKey = readApiKey();
  await testConnection(endpoint, apiKey, signal);

  const offered = options.nudges.map((label) => ({ key: normaliseNudge(label), label }));
  const known = new Map((await firstValue(observeNudges())).map((n) => [n.key, n.label]));
  for (const o of offered) if (!known.has(o.key)) known.set(o.key, o.label);
  const labelOf = (key: string) => known.get(key) ?? key;

  const runs = await allRuns();
  const specHash = await specHashOfText(specText);
  const { encoded, transfer } = encodeRuns(runs);
  // Seeded by the spec and the evidence: the same data gives the same plan.
  const seed = seedFrom(`${specHash}:${runs.length}`);
  const worker = compileWorker();
  const plan: CompilePlan = await worker.plan(Comlink.transfer(encoded, transfer), offered.map((o) => o.key), options.variations, seed);
  const priorsBlock = renderLearnedPriors(plan.priors, labelOf);
  const tests = await Promise.all(
    spec.tests.map(async (t) => {
      const { js, diagnostics } = await worker.transpile(t.code, 'test');
      const first = diagnostics[0];
      // A broken test would fail every candidate: say so once, before asking for any.
      if (first) throw new CompileTargetError(`the test "${t.name}" (line ${t.line + (first.line ?? 1)}) does not compile: ${first.message}`);
      return { name: t.name, code: js };
    }),
  );
  return { specId, specTitle: meta.title, specText, specHash, spec, endpoint, apiKey, options, offered, labelOf, plan, priorsBlock, tests };
}

/** The history row a prepared compilation starts as. */
export function newCompilation(p: Prepared, id: string, at: number): Compilation {
  return {
    id,
    specId: p.specId,
    specTitle: p.specTitle,
    specHash: p.specHash,
    at,
    status: 'running',
    model: p.endpoint.model,
    temperature: p.endpoint.temperature,
    requested: p.options.variations,
    concurrency: p.options.concurrency,
    maxTokensPerVariation: p.options.maxTokensPerVariation,
    tokenBudget: p.options.tokenBudget,
    timeLimitMs: p.options.timeLimitMs,
    nudgesOffered: p.offered,
    priors: p.plan.priors,
    priorsBlock: p.priorsBlock,
    evidenceRuns: p.plan.runs,
    generated: 0,
    verified: 0,
    passed: 0,
    tokens: 0,
    generationErrors: 0,
    candidates: [],
  };
}

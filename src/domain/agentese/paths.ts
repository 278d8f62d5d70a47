/**
 * The AGENTESE path registry. A path names a place in the app, and the path IS the route:
 * `self.work.principles.health` is served at route `/self.work.principles.health`, linked as
 * `#/self.work.principles.health` (hash routing, so a static host and the offline service
 * worker serve every page from index.html). Some places take one trailing id segment:
 * `world.specs.s_123` opens that spec, `world.evidence.r_9` that run.
 *
 * First segments are contexts, after the seed's AGENTESE:
 *   self     the person's own work and state (bets, credibility, scars, governance)
 *   world    what comes from outside (evidence, learned priors, spec documents)
 *   concept  frozen ideas the app reasons with (the constitution)
 *   void     where things wait and may not happen (the chapel, the approval queue)
 *   time     traces over time (calibration, compile generations, the log)
 */
import { DomainError } from '../errors';
import { suggest } from './suggest';

export const CONTEXTS = ['self', 'world', 'concept', 'void', 'time'] as const;
export type Context = (typeof CONTEXTS)[number];

export interface PathEntry {
  path: string;
  title: string;
  /** When set, the path takes one more segment: the id of the thing to open. */
  param?: string;
}

export const PATHS: readonly PathEntry[] = [
  { path: 'self.work.status', title: 'Work status' },
  { path: 'self.work.bet.place', title: 'Place a bet' },
  { path: 'self.work.bet.resolve', title: 'Resolve a bet', param: 'betId' },
  { path: 'self.work.bets', title: 'Bets' },
  { path: 'self.work.principles.health', title: 'Principle health' },
  { path: 'self.work.credibility', title: 'Credibility' },
  { path: 'self.work.adversary', title: 'The adversary' },
  { path: 'self.work.forecast', title: 'Forecast' },
  { path: 'self.scars', title: 'Scars' },
  { path: 'self.governance', title: 'Governance' },
  { path: 'world.evidence', title: 'Evidence', param: 'runId' },
  { path: 'world.priors', title: 'Learned priors' },
  { path: 'world.specs', title: 'Specs', param: 'specId' },
  { path: 'concept.constitution', title: 'Constitution' },
  { path: 'void.chapel', title: 'Chapel' },
  { path: 'void.approvals', title: 'Approval queue' },
  { path: 'time.trace.metacompiler.calibration', title: 'Calibration' },
  { path: 'time.trace.metacompiler.generations', title: 'Generations' },
  { path: 'time.trace.log', title: 'Log' },
];

export const DEFAULT_PATH = 'self.work.status';

export interface ResolvedPath {
  entry: PathEntry;
  /** The canonical path, id segment included. */
  path: string;
  params: Record<string, string>;
  /** Router path, e.g. "/world.specs.s_1". */
  route: string;
  /** Link target, e.g. "#/world.specs.s_1". */
  href: string;
}

export class UnknownPathError extends DomainError {
  readonly path: string;
  readonly suggestions: string[];
  constructor(path: string, reason: string, suggestions: string[]) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : '';
    super(`${reason}${hint}`, 'UnknownPathError');
    this.path = path;
    this.suggestions = suggestions;
  }
}

const BY_PATH = new Map(PATHS.map((e) => [e.path, e]));
const ID_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Accepts a path, a route ("/self.scars") or a link ("#/self.scars"); drops query and hash. */
function normalise(input: string): string {
  return input.trim().replace(/^#?\/?/, '').replace(/[?#].*$/, '');
}

export type PathResult = { ok: true; value: ResolvedPath } | { ok: false; reason: string; suggestions: string[] };

export function tryResolvePath(input: string): PathResult {
  const path = normalise(input);
  const found = (entry: PathEntry, params: Record<string, string>): PathResult => ({
    ok: true,
    value: { entry, path, params, route: `/${path}`, href: `#/${path}` },
  });
  const exact = BY_PATH.get(path);
  if (exact) return found(exact, {});
  const cut = path.lastIndexOf('.');
  const parent = cut > 0 ? BY_PATH.get(path.slice(0, cut)) : undefined;
  const id = path.slice(cut + 1);
  if (parent?.param && ID_SEGMENT.test(id)) return found(parent, { [parent.param]: id });
  const suggestions = suggest(path, PATHS.map((e) => e.path));
  const context = path.split('.')[0] ?? '';
  const reason = !path
    ? 'empty AGENTESE path'
    : (CONTEXTS as readonly string[]).includes(context)
      ? `unknown AGENTESE path "${path}"`
      : `"${path}" does not start with an AGENTESE context (${CONTEXTS.join(', ')})`;
  return { ok: false, reason, suggestions };
}

/** Resolves a path to its page; throws UnknownPathError, with suggestions, for unknown paths. */
export function resolvePath(input: string): ResolvedPath {
  const r = tryResolvePath(input);
  if (!r.ok) throw new UnknownPathError(normalise(input), r.reason, r.suggestions);
  return r.value;
}

export function isKnownPath(input: string): boolean {
  return tryResolvePath(input).ok;
}

/** Route of a known path ("/self.scars"); the inverse of pathFromRoute. */
export function routeOf(path: string): string {
  return resolvePath(path).route;
}

/** The path a route or link points at, or undefined when it is not a known path. */
export function pathFromRoute(route: string): string | undefined {
  const r = tryResolvePath(route);
  return r.ok ? r.value.path : undefined;
}

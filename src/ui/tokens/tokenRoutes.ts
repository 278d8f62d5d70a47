import type { Token } from '../../services/specs/view';
import { tryResolvePath } from '../../services/agentese';

/**
 * The page behind each token: clicking a token goes where its facts live. AGENTESE paths map
 * onto the app's pages by their place (the path names the place, the page shows it).
 */
const PATH_PAGES: readonly [prefix: string, page: string][] = [
  ['self.work.bet', '/bets'],
  ['self.work', '/bets'],
  ['self.scars', '/scars'],
  ['self.governance', '/governance'],
  ['world.evidence', '/evidence'],
  ['world.priors', '/priors'],
  ['world.specs', '/specs'],
  ['concept', '/governance'],
  ['void', '/governance'],
  ['time.trace.metacompiler', '/bets'],
  ['time.trace.log', '/governance'],
];

function pathRoute(path: string): string | undefined {
  const r = tryResolvePath(path);
  if (!r.ok) return undefined;
  const { entry, params } = r.value;
  if (entry.path === 'world.specs' && params.specId) return `/specs/${encodeURIComponent(params.specId)}`;
  if (entry.path === 'world.evidence' && params.runId) return `/evidence?run=${encodeURIComponent(params.runId)}`;
  return PATH_PAGES.find(([prefix]) => entry.path === prefix || entry.path.startsWith(prefix + '.'))?.[1];
}

export function tokenRoute(token: Token, specId: string): string | undefined {
  switch (token.kind) {
    case 'evidence':
      return `/evidence?run=${encodeURIComponent(token.id)}`;
    case 'nudge':
      return `/priors?nudge=${encodeURIComponent(token.label)}`;
    case 'bet':
      return token.id ? `/bets?bet=${encodeURIComponent(token.id)}` : '/bets';
    case 'citing':
      return `/bets?principle=${encodeURIComponent(token.principles[0] ?? '')}`;
    case 'passRate':
      return `/evidence?spec=${encodeURIComponent(specId)}`;
    case 'path':
      return pathRoute(token.path);
    case 'malformed':
      return undefined;
  }
}

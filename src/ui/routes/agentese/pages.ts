import { lazy, type Component } from 'solid-js';

/**
 * AGENTESE paths are routes: `/time.trace.metacompiler.calibration` shows the calibration page.
 * Paths without an id render their page in place (the address stays the path); paths with an
 * id redirect to the page that opens that thing.
 */
const Bets = lazy(() => import('../bets/BetsPage'));
const Evidence = lazy(() => import('../evidence/EvidencePage'));
const Priors = lazy(() => import('../priors/PriorsPage'));
const Scars = lazy(() => import('../scars/ScarsPage'));
const Governance = lazy(() => import('../governance/GovernancePage'));
const Specs = lazy(() => import('../specs/SpecsPage'));
const Calibration = lazy(() => import('../calibration/CalibrationPage'));
const Log = lazy(() => import('../log/LogPage'));
const Generations = lazy(() => import('../compile/GenerationsPage'));

export const AGENTESE_PAGES: Record<string, Component> = {
  'self.work.status': Bets,
  'self.work.bets': Bets,
  'self.work.bet.place': Bets,
  'self.work.principles.health': Bets,
  'self.work.credibility': Bets,
  'self.work.adversary': Bets,
  'self.scars': Scars,
  'self.governance': Governance,
  'world.evidence': Evidence,
  'world.priors': Priors,
  'world.specs': Specs,
  'self.work.forecast': Calibration,
  'time.trace.metacompiler.calibration': Calibration,
  'time.trace.log': Log,
  'concept.constitution': Governance,
  'void.chapel': Governance,
  'void.approvals': Governance,
  'time.trace.metacompiler.generations': Generations,
};

/** The app page each AGENTESE path shows, so that the navigation marks it as the current page. */
export const AGENTESE_NAV: Record<string, string> = {
  'self.work.status': '/bets',
  'self.work.bets': '/bets',
  'self.work.bet.place': '/bets',
  'self.work.principles.health': '/bets',
  'self.work.credibility': '/bets',
  'self.work.adversary': '/bets',
  'self.scars': '/scars',
  'self.governance': '/governance',
  'world.evidence': '/evidence',
  'world.priors': '/priors',
  'world.specs': '/specs',
  'self.work.forecast': '/calibration',
  'time.trace.metacompiler.calibration': '/calibration',
  'time.trace.log': '/log',
  'concept.constitution': '/governance',
  'void.chapel': '/governance',
  'void.approvals': '/governance',
  'time.trace.metacompiler.generations': '/compile',
};

/** Where a path with an id leads, as an app route; undefined when the path has no id. */
export function redirectFor(params: Record<string, string>): string | undefined {
  if (params.specId) return `/specs/${encodeURIComponent(params.specId)}`;
  if (params.betId) return `/bets?resolve=${encodeURIComponent(params.betId)}`;
  if (params.runId) return `/evidence?run=${encodeURIComponent(params.runId)}`;
  return undefined;
}

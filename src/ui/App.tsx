import { Router, Route, Navigate } from '@solidjs/router';
import { lazy, type ParentProps } from 'solid-js';
import { Header } from './components/Header';
import { Nav } from './components/Nav';
import { UpdatePrompt } from './components/UpdatePrompt';
import { DbOutdatedBanner } from './components/DbOutdatedBanner';
import { QuarantineNotice } from './components/QuarantineNotice'; // issue 8: unreadable stored edits
import { HudBar } from './components/hud/HudBar';
import { Notices } from './components/Notices';
import { CommandBar } from './commandBar/CommandBar';
import { Welcome } from './components/firstRun/Welcome';
import { SampleBanner } from './components/firstRun/SampleBanner';

const SpecsPage = lazy(() => import('./routes/specs/SpecsPage'));
const EvidencePage = lazy(() => import('./routes/evidence/EvidencePage'));
const PriorsPage = lazy(() => import('./routes/priors/PriorsPage'));
const FailureModesPage = lazy(() => import('./routes/failureModes/FailureModesPage'));
const BetsPage = lazy(() => import('./routes/bets/BetsPage'));
const CalibrationPage = lazy(() => import('./routes/calibration/CalibrationPage'));
const ScarsPage = lazy(() => import('./routes/scars/ScarsPage'));
const GovernancePage = lazy(() => import('./routes/governance/GovernancePage'));
const LogPage = lazy(() => import('./routes/log/LogPage'));
const CompilePage = lazy(() => import('./routes/compile/CompilePage'));
const SettingsPage = lazy(() => import('./routes/settings/SettingsPage'));
const AgentesePage = lazy(() => import('./routes/agentese/AgentesePage'));

/**
 * The router handles same-page links itself, so following "#main" changed the address but left
 * focus on the link: focus moves to the page's main region here (it has tabindex -1).
 */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

function Shell(props: ParentProps) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>Skip to content</a>
      <Header />
      <HudBar />
      <DbOutdatedBanner />
      <QuarantineNotice />
      <UpdatePrompt />
      <SampleBanner />
      <div class="body">
        <Nav />
        <main id="main" class="main" tabindex="-1">
          <Welcome />
          {props.children}
        </main>
      </div>
      <CommandBar />
      <Notices />
    </div>
  );
}

export function App() {
  return (
    <Router root={Shell}>
      <Route path="/" component={() => <Navigate href="/specs" />} />
      <Route path="/specs/:id?" component={SpecsPage} />
      <Route path="/evidence" component={EvidencePage} />
      <Route path="/priors" component={PriorsPage} />
      <Route path="/failure-modes" component={FailureModesPage} />
      <Route path="/bets" component={BetsPage} />
      <Route path="/calibration" component={CalibrationPage} />
      <Route path="/scars" component={ScarsPage} />
      <Route path="/governance" component={GovernancePage} />
      <Route path="/log" component={LogPage} />
      <Route path="/compile/:specId?" component={CompilePage} />
      <Route path="/settings" component={SettingsPage} />
      {/* Every other address is read as an AGENTESE path (e.g. /self.work.principles.health). */}
      <Route path="*path" component={AgentesePage} />
    </Router>
  );
}

import { A, useLocation } from '@solidjs/router';
import { tryResolvePath } from '../../services/agentese';
import { AGENTESE_NAV } from '../routes/agentese/pages';

const LINKS = [
  { href: '/specs', label: 'Specs', hint: 'Live Markdown documents' },
  { href: '/evidence', label: 'Evidence', hint: 'Runs: pass or fail, and the nudges applied' },
  { href: '/priors', label: 'Priors', hint: 'Which nudges raise or lower the pass rate' },
  { href: '/failure-modes', label: 'Failure modes', hint: 'Recurring errors, grouped by signature, and the nudges they go with' },
  { href: '/compile', label: 'Compile', hint: 'Many variations of a spec, verified in a sandbox; evidence for the learner' },
  { href: '/bets', label: 'Bets', hint: 'Estimates as wagers' },
  { href: '/calibration', label: 'Calibration', hint: 'Do your confidences come true? Forecast of open bets' },
  { href: '/scars', label: 'Scars', hint: 'Harms that decay but never vanish' },
  { href: '/governance', label: 'Governance', hint: 'Constitution, trust, the log' },
  { href: '/log', label: 'Log', hint: 'The signed, verifiable log of governed events' },
  { href: '/settings', label: 'Settings', hint: 'Storage and preferences' },
];

export function Nav() {
  const location = useLocation();
  // A page shown at an AGENTESE address (/world.priors) is still that page.
  const viaPath = () => {
    const r = tryResolvePath(decodeURIComponent(location.pathname.slice(1)));
    return r.ok ? AGENTESE_NAV[r.value.entry.path] : undefined;
  };
  return (
    <nav class="nav" aria-label="Pages">
      {LINKS.map((l) => (
        <A href={l.href} activeClass="active" classList={{ 'via-path': viaPath() === l.href }} aria-current={viaPath() === l.href ? 'page' : undefined} title={l.hint}>
          {l.label}
        </A>
      ))}
    </nav>
  );
}

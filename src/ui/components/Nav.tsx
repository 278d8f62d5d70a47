import { A } from '@solidjs/router';

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
  return (
    <nav class="nav" aria-label="Pages">
      {LINKS.map((l) => (
        <A href={l.href} activeClass="active" title={l.hint}>
          {l.label}
        </A>
      ))}
    </nav>
  );
}

import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { constitutions, hud, personOnly, type ConstitutionRow, type HudView } from '../../../services/governance';
import { Hud } from '../../components/hud/Hud';
import { useLive } from '../../components/useLive';
import { ApprovalQueue } from './ApprovalQueue';
import { AutomationCard } from './AutomationCard';
import { ConsentSection } from './ConsentSection';
import { ConstitutionCard } from './ConstitutionCard';
import { EthicsCard } from './EthicsCard';
import { FuseCard } from './FuseCard';
import './governance.css';

export default function GovernancePage() {
  const view = useLive<HudView | undefined>(hud(), undefined);
  const rows = useLive(constitutions(), [] as ConstitutionRow[]);
  return (
    <section class="page governance-page">
      <h1>Governance</h1>
      <p class="muted">
        Automation acts only within a frozen constitution. Every governed event is in a signed, verifiable log
        (<A href="/log">open the log</A>); harms leave <A href="/scars">scars</A>.
      </p>
      <Show when={view()} fallback={<p class="muted">Reading the log…</p>}>
        {(v) => <Hud view={v()} />}
      </Show>
      <div class="governance-grid">
        <div class="governance-col">
          <Show when={view()}>{(v) => <FuseCard veto={v().veto} />}</Show>
          <ApprovalQueue />
          <AutomationCard personOnly={rows()[0] ? personOnly(rows()[0]!.constitution) : []} />
          <ConsentSection />
        </div>
        <div class="governance-col">
          <ConstitutionCard />
          <EthicsCard />
        </div>
      </div>
    </section>
  );
}

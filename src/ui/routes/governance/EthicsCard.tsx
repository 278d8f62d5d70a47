import { A } from '@solidjs/router';
import { For, Show, createResource } from 'solid-js';
import { ETHICS_PATH, ethicsHeaderText, logTail, type EthicsHeader } from '../../../services/log';
import { download } from '../../components/download';
import { formatTime } from '../../components/format';
import { useLive } from '../../components/useLive';
import { HANDLE_WORDS, INVARIANT_WORDS, entryLink, logLink } from './ethicsWords';

const TONE: Record<EthicsHeader['trust_slice_status']['scar_tone'], string> = {
  unresolved: 'unresolved: a scar awaits restoration',
  vigilance: 'vigilance: restored scars still weigh at least 0.25 at some locus',
  earned_forgiveness: 'earned forgiveness: every scar restored and faded below the vigilance line',
};

function Badge(props: { ok: boolean; yes?: string; no?: string }) {
  return <span class={`badge ${props.ok ? 'good' : 'bad'}`}>{props.ok ? (props.yes ?? 'holds') : (props.no ?? 'broken')}</span>;
}

/**
 * The live ethics header: the same JSON the service worker serves at /.well-known, each value
 * said in words with the log entries behind it (the first entry that broke a check, or the
 * kinds of entry it reads). Proof handles are Merkle commitments, not zero-knowledge proofs.
 */
export function EthicsCard() {
  const tail = useLive(logTail(), { size: 0, lastSeq: null, lastAt: null });
  const [json] = createResource(() => tail().size, () => ethicsHeaderText());
  const header = () => (json() ? (JSON.parse(json() as string) as EthicsHeader) : undefined);
  const save = () => download({ name: 'compiler_ethics.json', bytes: json() ?? '', type: 'application/json' });
  return (
    <section class="card" data-testid="ethics" aria-labelledby="ethics-title">
      <h2 id="ethics-title">Ethics header</h2>
      <p class="muted small">
        Served live by the service worker at <a href={ETHICS_PATH} target="_blank" rel="noopener"><code>{ETHICS_PATH}</code></a>, also offline, in
        the seed's <code>compiler_ethics_v0_1</code> shape. Every value below is computed from this browser's log and store.
      </p>
      <Show when={header()} fallback={<p class="muted">Computing…</p>}>
        {(h) => (
          <>
            <h3 class="subhead">Invariants wired ({h().invariants_wired.length} of 5)</h3>
            <p class="muted small">An invariant is listed only while both halves hold: the app's own code path, probed under the constitution in force, and a check of the whole log.</p>
            <ul class="invariants" data-testid="invariants">
              <For each={INVARIANT_WORDS}>
                {(w) => {
                  const listed = () => h().invariants_wired.includes(w.name);
                  const log = () => w.log(h());
                  return (
                    <li data-testid="invariant" data-name={w.name} data-listed={String(listed())}>
                      <p><Badge ok={listed()} yes="listed" no="not listed" /> <code>{w.name}</code></p>
                      <p class="small">{w.claim(h())}</p>
                      <p class="small"><Badge ok={h().evidence.code_path[w.name]} /> Code path: {w.codePath}</p>
                      <p class="small">
                        <Badge ok={log().holds} /> Log:{' '}
                        <Show when={log().broken_at !== null} fallback={log().holds ? 'holds over every entry. ' : 'the log and the store disagree. '}>
                          first broken by <A href={entryLink(log().broken_at as number)} data-testid="broken-at">entry #{log().broken_at}</A>.{' '}
                        </Show>
                        <A href={logLink(w.kinds)}>The entries it reads</A>
                      </p>
                    </li>
                  );
                }}
              </For>
            </ul>
            <h3 class="subhead">Proof handles, published with the signed root</h3>
            <ul class="handles" data-testid="proof-handles">
              <For each={HANDLE_WORDS}>
                {(w) => (
                  <li data-testid="proof-handle" data-handle={w.key} data-ok={String(h().zk_proof_handles[w.key])}>
                    <Badge ok={h().zk_proof_handles[w.key]} /> <code>{w.key}</code>: {w.says} (the log half of {w.from.join(' and ')}).
                  </li>
                )}
              </For>
            </ul>
            <p class="small muted">
              {h().signed_root ? `Signed root over ${h().signed_root?.size} of ${h().log_size} entries, ${formatTime(h().signed_root?.at ?? 0)}. ` : 'Nothing signed yet. '}
              These are {h().proof_note}: the signature shows only that this device's key signed this log.
            </p>
            <h3 class="subhead">Trust slice</h3>
            <dl class="facts small" data-testid="trust-slice">
              <dt><code>beta1_lap</code></dt>
              <dd>
                {h().trust_slice_status.beta1_lap === null
                  ? 'no two refits in this slice to compare yet'
                  : `${h().trust_slice_status.beta1_lap?.toFixed(2)} pp: how far the adjusted effects moved between refits in this slice`}{' '}
                (<A href={logLink(['refit_recorded'])}>refits</A>)
              </dd>
              <dt><code>veto_fuse_status</code></dt>
              <dd>{h().trust_slice_status.veto_fuse_status} (<A href={logLink(['veto', 'veto_checked', 'fuse_reset'])}>vetoes and resets</A>)</dd>
              <dt><code>scar_tone</code></dt>
              <dd>{TONE[h().trust_slice_status.scar_tone]} (<A href="/scars">scars</A>)</dd>
              <dt><code>unresolved_scar</code></dt>
              <dd>{h().trust_slice_status.unresolved_scar ? `yes, ${h().slice_status.unresolved_scars}` : 'no'}</dd>
            </dl>
            <h3 class="subhead">Governance stack</h3>
            <dl class="facts small">
              <dt><code>constitution_id</code></dt>
              <dd>
                <code>{h().governance_stack.constitution_id.slice(0, 16)}</code>{' '}
                {h().constitution_chain_intact ? 'chains back to the first in the log' : 'does NOT chain back to the constitutions in the log'} (
                <A href={logLink(['constitution'])}>constitutions</A>)
              </dd>
              <dt><code>existential_audit</code></dt><dd>{h().governance_stack.existential_audit ? 'on' : 'off'}</dd>
              <dt><code>E_ext_max_const</code></dt><dd>{h().governance_stack.E_ext_max_const} per slice</dd>
              <dt><code>min_pause_ms_const</code></dt><dd>{h().governance_stack.min_pause_ms_const} ms</dd>
              <dt><code>answerable_to</code></dt>
              <dd>{h().answerable_to.primary.join(', ')}{h().answerable_to.secondary.length ? `; then ${h().answerable_to.secondary.join(', ')}` : ''}; last resort {h().answerable_to.last_resort}</dd>
            </dl>
            <details>
              <summary>Show the JSON</summary>
              <pre class="json" data-testid="ethics-json">{json()}</pre>
            </details>
            <button class="ghost" data-testid="download-ethics" onClick={save}>Download compiler_ethics.json</button>
          </>
        )}
      </Show>
    </section>
  );
}

import { useSearchParams } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { DEFAULT_LOG_KINDS, KIND_GROUPS, logTail, parseKinds, signedHead, verification, verifyLogNow, type LogKind } from '../../../services/log';
import { errorMessage } from '../../components/errorMessage';
import { formatTime } from '../../components/format';
import { useLive } from '../../components/useLive';
import { DossierTools } from './DossierTools';
import { LogFilter } from './LogFilter';
import { LogTable } from './LogTable';
import './log.css';

export default function LogPage() {
  const [params] = useSearchParams();
  const tail = useLive(logTail(), { size: 0, lastSeq: null, lastAt: null });
  const head = useLive(signedHead(), null);
  const checked = useLive(verification(), null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [from, setFrom] = createSignal(typeof params.from === 'string' ? params.from : '');
  const scarId = () => (typeof params.scar === 'string' ? params.scar : undefined);
  // Links from other pages name kinds (?kinds=veto,fuse_reset) or one entry (?entry=12, shown among every kind).
  const focus = () => (typeof params.entry === 'string' && /^\d+$/.test(params.entry) ? Number(params.entry) : undefined);
  const everyKind = KIND_GROUPS.flatMap((g) => [...g.kinds]);
  const [kinds, setKinds] = createSignal<LogKind[]>(
    parseKinds(typeof params.kinds === 'string' ? params.kinds : undefined) ?? (focus() !== undefined ? everyKind : [...DEFAULT_LOG_KINDS]),
  );
  // A start-up check re-reads only what was appended since the last verified head (README).
  const scope = () => (checked()?.scope === 'incremental' ? `entries from ${checked()?.from} on` : 'every entry');
  const verify = async () => {
    setBusy(true);
    setError('');
    try {
      await verifyLogNow('manual');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="page log-page">
      <h1>Log</h1>
      <p class="muted">
        Every governed event, append-only, in an RFC 6962 Merkle tree whose root this device signs (ECDSA P-256). Proofs are
        Merkle commitments, not zero-knowledge proofs.
      </p>
      <section class={`card log-summary ${checked()?.ok === false ? 'failed' : ''}`} aria-label="Signed head and verification">
        <dl class="facts small">
          <dt>Entries</dt><dd data-testid="log-size">{tail().size}</dd>
          <dt>Signed head</dt>
          <dd>{head() ? <>size {head()?.size}, root <code data-testid="log-root">{head()?.root.slice(0, 16)}</code>, {formatTime(head()?.at ?? 0)}</> : 'nothing signed yet'}</dd>
          <dt>Last verification</dt>
          <dd data-testid="verification" data-ok={checked() ? String(checked()?.ok) : 'none'}>
            {checked() ? `${checked()?.ok ? 'passed' : 'FAILED'} (${checked()?.trigger}, ${scope()}, ${formatTime(checked()?.at ?? 0)}): ${checked()?.reason}` : 'not yet'}
          </dd>
          <dt>Every entry re-read</dt>
          <dd data-testid="full-check-at">{checked()?.fullAt ? formatTime(checked()?.fullAt ?? 0) : 'not since the last failure'}</dd>
        </dl>
        <button data-testid="verify-log" disabled={busy()} onClick={() => void verify()}>{busy() ? 'Verifying…' : 'Verify the whole log'}</button>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </section>
      <DossierTools from={from()} setFrom={setFrom} scarId={scarId()} />
      <LogFilter kinds={kinds()} setKinds={setKinds} count={tail().size} />
      <LogTable count={tail().size} kinds={kinds()} focus={focus()} onDossierFrom={(seq) => {
        setFrom(String(seq));
        document.getElementById('dossier-title')?.scrollIntoView({ behavior: 'smooth' });
      }} />
    </section>
  );
}

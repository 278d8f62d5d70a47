import { Show, createResource, createSignal } from 'solid-js';
import { requestPersistence, storageStatus } from '../../../services/storage';
import { formatBytes } from '../../components/format';
import { PeerSettingsForm } from '../specs/PeerSettingsForm';
import '../../specView/specView.css';
import { BackupSection } from './BackupSection';
import { DevicesSection } from './DevicesSection';
import { QuarantineSection } from './QuarantineSection';
import { LinkedFolderSection } from '../../linkedFolder/LinkedFolderSection';
import './settings.css';

type Status = Awaited<ReturnType<typeof storageStatus>>;

function usedShare(s: Status): string | undefined {
  if (s.usageBytes === undefined || !s.quotaBytes) return undefined;
  const p = (100 * s.usageBytes) / s.quotaBytes;
  return p < 1 ? 'under 1%' : `${Math.round(p)}%`;
}

/** Warn from 80% on: some writes (an import, a restore) need room all at once. */
const nearlyFull = (s: Status | undefined) => !!s && s.usageBytes !== undefined && !!s.quotaBytes && s.usageBytes / s.quotaBytes >= 0.8;

export default function SettingsPage() {
  const [status, { refetch }] = createResource(storageStatus);
  const [asked, setAsked] = createSignal<string>('');
  const ask = async () => {
    const result = await requestPersistence();
    setAsked(result === 'unsupported' ? 'This browser cannot make storage persistent.' : result ? 'Granted.' : 'The browser declined for now (it may grant it later, e.g. once the app is installed or used more).');
    void refetch();
  };
  return (
    <section class="page settings-page">
      <h1>Settings</h1>
      <h2>Storage</h2>
      <p class="muted">Everything you record lives in this browser (IndexedDB). Nothing leaves it unless you share a session.</p>
      <Show when={status()} fallback={<p>Reading storage status…</p>}>
        {(s) => (
          <dl class="facts" data-testid="storage-status">
            <dt>Persistent storage</dt>
            <dd data-testid="persisted">
              {s().persisted === 'unsupported' ? 'Not supported by this browser' : s().persisted ? 'Yes: the browser will not evict your data' : 'No: the browser may evict data under storage pressure'}
            </dd>
            <dt>Used</dt>
            <dd data-testid="usage">
              {s().usageBytes === undefined ? 'unknown' : formatBytes(s().usageBytes!)}
              <Show when={usedShare(s())}>{(p) => <span class="muted"> ({p()} of the quota)</span>}</Show>
            </dd>
            <dt>Quota</dt>
            <dd data-testid="quota">{s().quotaBytes === undefined ? 'unknown' : formatBytes(s().quotaBytes!)}</dd>
          </dl>
        )}
      </Show>
      <Show when={nearlyFull(status())}>
        <p class="field-error storage-warning" role="alert" data-testid="storage-nearly-full">
          This browser's storage for Metacompiler is nearly full. A write that does not fit is refused whole (nothing is
          half-saved); download a backup below, then free space.
        </p>
      </Show>
      <Show when={status()?.persisted === false}>
        <button onClick={() => void ask()} data-testid="ask-persist">Ask the browser to keep my data</button>
      </Show>
      <Show when={asked()}><p role="status">{asked()}</p></Show>
      <h2>Shared sessions</h2>
      <p class="muted">
        How this device reaches others when you share or join a spec (the Share button on a spec), and the name they see
        beside your cursor.
      </p>
      <PeerSettingsForm />
      <DevicesSection />
      <LinkedFolderSection />
      <BackupSection />
      <QuarantineSection />
    </section>
  );
}

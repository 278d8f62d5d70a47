import { Show, createResource, createSignal } from 'solid-js';
import { requestPersistence, storageStatus } from '../../../services/storage';
import { formatBytes } from '../../components/format';

export default function SettingsPage() {
  const [status, { refetch }] = createResource(storageStatus);
  const [asked, setAsked] = createSignal<string>('');
  const ask = async () => {
    const result = await requestPersistence();
    setAsked(result === 'unsupported' ? 'This browser cannot make storage persistent.' : result ? 'Granted.' : 'The browser declined for now (it may grant it later, e.g. once the app is installed or used more).');
    void refetch();
  };
  return (
    <section class="page">
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
            <dd>{s().usageBytes === undefined ? 'unknown' : formatBytes(s().usageBytes!)}</dd>
            <dt>Quota</dt>
            <dd>{s().quotaBytes === undefined ? 'unknown' : formatBytes(s().quotaBytes!)}</dd>
          </dl>
        )}
      </Show>
      <Show when={status()?.persisted === false}>
        <button onClick={() => void ask()} data-testid="ask-persist">Ask the browser to keep my data</button>
      </Show>
      <Show when={asked()}><p role="status">{asked()}</p></Show>
    </section>
  );
}

import { Show, createSignal, onMount } from 'solid-js';
import { startPwa, type PwaStatus } from '../../services/pwa';

export function UpdatePrompt() {
  const [needRefresh, setNeedRefresh] = createSignal(false);
  const [offlineReady, setOfflineReady] = createSignal(false);
  let pwa: PwaStatus | undefined;
  onMount(() => {
    pwa = startPwa(
      () => setNeedRefresh(true),
      () => {
        setOfflineReady(true);
        // A one-time reassurance, not something to dismiss by hand.
        setTimeout(() => setOfflineReady(false), 6000);
      },
    );
  });
  return (
    <>
      <Show when={needRefresh()}>
        <div class="banner info" role="alert" data-testid="update-prompt">
          A new version of Metacompiler is available.
          <button onClick={() => void pwa?.update()}>Update and reload</button>
          <button class="ghost" onClick={() => setNeedRefresh(false)}>Later</button>
        </div>
      </Show>
      <Show when={offlineReady()}>
        {/* Floats over the corner: a reassurance must not push the page down under the pointer. */}
        <div class="floating-status" role="status" data-testid="offline-ready">
          Ready to work offline.
          <button class="ghost" onClick={() => setOfflineReady(false)}>Dismiss</button>
        </div>
      </Show>
    </>
  );
}

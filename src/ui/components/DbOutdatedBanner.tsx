import { Show, createSignal, onCleanup } from 'solid-js';

/** Another tab opened a newer version of the app's database; this tab closed its copy. */
export function DbOutdatedBanner() {
  const [outdated, setOutdated] = createSignal(false);
  const on = () => setOutdated(true);
  addEventListener('metacompiler:db-outdated', on);
  onCleanup(() => removeEventListener('metacompiler:db-outdated', on));
  return (
    <Show when={outdated()}>
      <div class="banner warn" role="alert">
        A newer version of Metacompiler is open in another tab. Reload this tab to keep working.
        <button onClick={() => location.reload()}>Reload</button>
      </div>
    </Show>
  );
}

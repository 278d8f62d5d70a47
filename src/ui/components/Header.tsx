import { createSignal, onCleanup, onMount } from 'solid-js';
import { applyTheme, storedTheme, type Theme } from '../../services/theme';
import { DevicesChip } from './DevicesChip';
import { ImportChip } from './ImportChip';

export function Header() {
  const [online, setOnline] = createSignal(navigator.onLine);
  const [theme, setTheme] = createSignal<Theme>(storedTheme());
  onMount(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    addEventListener('online', up);
    addEventListener('offline', down);
    onCleanup(() => {
      removeEventListener('online', up);
      removeEventListener('offline', down);
    });
  });
  const toggleTheme = () => {
    const next = theme() === 'dark' ? 'light' : 'dark';
    setTheme(next);
    applyTheme(next);
  };
  return (
    <header class="header">
      <a class="brand" href="/specs" aria-label="Metacompiler home">
        <img src="/icon.svg" alt="" width="28" height="28" />
        <span>Metacompiler</span>
      </a>
      <div class="header-right">
        <ImportChip />
        <DevicesChip />
        <button
          class="cmd-open"
          onClick={() => dispatchEvent(new Event('metacompiler:open-command-bar'))}
          title="Command bar (Ctrl+K)"
          data-testid="open-command-bar"
        >
          Commands<kbd>Ctrl K</kbd>
        </button>
        <span
          class={`status-pill ${online() ? 'online' : 'offline'}`}
          data-testid="connectivity"
          role="status"
          title={online() ? 'Connected. Everything is also stored in this browser.' : 'Offline. You can keep working: everything is stored in this browser.'}
        >
          <span class="dot" aria-hidden="true" />
          <span class="pill-text">{online() ? 'Online' : 'Offline'}</span>
        </span>
        <button
          class="icon-button"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme() === 'dark' ? 'light' : 'dark'} theme`}
          title="Toggle light/dark theme"
          data-testid="theme-toggle"
        >
          {theme() === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}

export type Theme = 'light' | 'dark';

const KEY = 'metacompiler.theme';

/** The theme is a per-device display preference, read before first paint; not synced data. */
export function storedTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem(KEY, theme);
}

export function applyStoredTheme(): Theme {
  const t = storedTheme();
  document.documentElement.dataset.theme = t;
  return t;
}

import { createSignal } from 'solid-js';

export interface Notice {
  id: number;
  message: string;
}

const [notices, setNotices] = createSignal<Notice[]>([]);
let next = 1;

/** Shows a short message at the bottom of the page (what a command did, for instance). */
export function notify(message: string, ms = 7000): void {
  const id = next++;
  setNotices((n) => [...n, { id, message }]);
  setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), ms);
}

export function dismiss(id: number): void {
  setNotices((n) => n.filter((x) => x.id !== id));
}

export { notices };

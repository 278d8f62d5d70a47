import { For, createSignal, onCleanup } from 'solid-js';
import { watchPeople, type Person } from '../../../services/specs/share';

/** Who has this spec open: this tab first, then other tabs and peers, each in their cursor colour. */
export function People(props: { specId: string }) {
  const [people, setPeople] = createSignal<Person[]>([]);
  onCleanup(watchPeople(props.specId, setPeople));
  return (
    <ul class="people" data-testid="people" aria-label="People here">
      <For each={people()}>
        {(p) => (
          <li class="person" data-testid="person" title={p.self ? `${p.name} (you, this tab)` : p.name}>
            <span class="person-dot" style={{ background: p.color }} aria-hidden="true" />
            <span class="person-name">{p.name}</span>
            {p.self ? <span class="sr-only"> (you)</span> : null}
          </li>
        )}
      </For>
    </ul>
  );
}

import { For, createSignal } from 'solid-js';

/**
 * Tags typed one by one (Enter or comma adds; Backspace on empty removes the last). The text
 * still being typed is also reported, so a form can validate what is left in the box.
 */
export function TagInput(props: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  onDraft?: (text: string) => void;
  suggestions?: string[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [draft, setDraft] = createSignal('');
  const listId = `${props.id}-suggestions`;
  const commit = () => {
    const text = draft().trim();
    if (!text) return;
    if (!props.tags.includes(text)) props.onChange([...props.tags, text]);
    setDraft('');
    props.onDraft?.('');
  };
  return (
    <div class="tag-input" aria-invalid={props.invalid ? 'true' : undefined}>
      <For each={props.tags}>
        {(tag) => (
          <span class="tag">
            {tag}
            <button type="button" aria-label={`Remove ${tag}`} onClick={() => props.onChange(props.tags.filter((t) => t !== tag))}>×</button>
          </span>
        )}
      </For>
      <input
        id={props.id}
        list={listId}
        value={draft()}
        placeholder={props.tags.length ? '' : props.placeholder}
        aria-describedby={props.describedBy}
        onInput={(e) => {
          const v = e.currentTarget.value;
          if (v.endsWith(',')) {
            setDraft(v.slice(0, -1));
            commit();
          } else {
            setDraft(v);
            props.onDraft?.(v);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Backspace' && !draft() && props.tags.length) {
            props.onChange(props.tags.slice(0, -1));
          }
        }}
        onBlur={commit}
      />
      <datalist id={listId}>
        <For each={props.suggestions ?? []}>{(s) => <option value={s} />}</For>
      </datalist>
    </div>
  );
}

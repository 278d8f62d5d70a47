import { For, Show } from 'solid-js';
import { CSV_FIELDS, type CsvField, type CsvMapping } from '../../../services/importEvidence';

const LABELS = Object.fromEntries(CSV_FIELDS.map((f) => [f.field, f.label])) as Record<CsvField, string>;

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The required fields no column is chosen for yet, as lower-case labels ("spec", "outcome"). */
export function missingColumns(mapping: CsvMapping): string[] {
  return CSV_FIELDS.filter((f) => f.required && mapping[f.field] === undefined).map((f) => f.label.toLowerCase());
}

/**
 * Columns chosen for more than one field, with those fields. Import is blocked while there are
 * any: every field here means something different (a pass/fail cell read as nudges becomes a
 * nudge called "pass"; a spec column read as the run id makes every later run of that spec a
 * "duplicate" that is silently dropped), so a column feeding two fields is a slip, never a
 * shortcut. A file that truly needs one value twice can carry it in two columns.
 */
export function sharedColumns(mapping: CsvMapping): { column: number; fields: CsvField[] }[] {
  const byColumn = new Map<number, CsvField[]>();
  for (const { field } of CSV_FIELDS) {
    const col = mapping[field];
    if (col !== undefined) byColumn.set(col, [...(byColumn.get(col) ?? []), field]);
  }
  return [...byColumn].filter(([, fields]) => fields.length > 1).map(([column, fields]) => ({ column, fields }));
}

/** What stops a CSV file's import until the person picks columns; undefined when nothing does. */
export function mappingProblem(headers: readonly string[], mapping: CsvMapping): string | undefined {
  const missing = missingColumns(mapping);
  if (missing.length) return `Choose which columns hold the ${listing(missing)}`;
  const shared = sharedColumns(mapping)[0];
  if (shared) return `Column “${headers[shared.column] ?? shared.column + 1}” is chosen for both ${listing(shared.fields.map((f) => LABELS[f]))}`;
  return undefined;
}

/** Which column holds which field of a run; the guess from the header is pre-selected. */
export function ImportCsvMapping(props: { file: string; headers: string[]; mapping: CsvMapping; disabled: boolean; onChange: (mapping: CsvMapping) => void }) {
  const missing = () => missingColumns(props.mapping);
  const shared = () => sharedColumns(props.mapping);
  const others = (field: CsvField) => shared().find((s) => s.fields.includes(field))?.fields.filter((f) => f !== field) ?? [];
  return (
    <fieldset class="csv-mapping" data-testid="csv-mapping">
      <legend>Columns</legend>
      <Show when={missing().length}>
        <p class="csv-mapping-note" data-testid="csv-mapping-prompt">
          Choose which columns hold the {listing(missing())}. The header of {props.file} doesn’t name {missing().length === 1 ? 'it' : 'them'} in a way the app recognises.
        </p>
      </Show>
      <For each={shared()}>
        {(s) => (
          <p class="csv-mapping-note clash" data-testid="csv-mapping-clash">
            Column “{props.headers[s.column] ?? s.column + 1}” is chosen for both {listing(s.fields.map((f) => LABELS[f]))}. A column can fill one field only: choose
            another column, or (none), for all but one of them.
          </p>
        )}
      </For>
      <For each={CSV_FIELDS}>
        {(f) => (
          <label classList={{ clash: others(f.field).length > 0, wanted: f.required && props.mapping[f.field] === undefined }}>
            <span>
              {f.label}
              {f.required ? ' *' : ''}
            </span>
            <select
              data-testid={`csv-map-${f.field}`}
              disabled={props.disabled}
              aria-invalid={others(f.field).length > 0 ? 'true' : undefined}
              value={props.mapping[f.field] === undefined ? '' : String(props.mapping[f.field])}
              onChange={(e) => {
                const v = e.currentTarget.value;
                props.onChange({ ...props.mapping, [f.field]: v === '' ? undefined : Number(v) });
              }}
            >
              <option value="">{f.required ? 'Choose a column…' : '(none)'}</option>
              <For each={props.headers}>{(h, i) => <option value={String(i())}>{h}</option>}</For>
            </select>
            <Show when={others(f.field).length > 0} fallback={<span class="hint">{f.hint}</span>}>
              <span class="hint clash-note">also chosen for {listing(others(f.field).map((o) => LABELS[o]))}</span>
            </Show>
          </label>
        )}
      </For>
    </fieldset>
  );
}

import { For } from 'solid-js';
import { CSV_FIELDS, type CsvMapping } from '../../../services/importEvidence';

/** Which column holds which field of a run; the guess from the header is pre-selected. */
export function ImportCsvMapping(props: { headers: string[]; mapping: CsvMapping; disabled: boolean; onChange: (mapping: CsvMapping) => void }) {
  return (
    <fieldset class="csv-mapping" data-testid="csv-mapping">
      <legend>Columns</legend>
      <For each={CSV_FIELDS}>
        {(f) => (
          <label>
            <span>
              {f.label}
              {f.required ? ' *' : ''}
            </span>
            <select
              data-testid={`csv-map-${f.field}`}
              disabled={props.disabled}
              value={props.mapping[f.field] === undefined ? '' : String(props.mapping[f.field])}
              onChange={(e) => {
                const v = e.currentTarget.value;
                props.onChange({ ...props.mapping, [f.field]: v === '' ? undefined : Number(v) });
              }}
            >
              <option value="">{f.required ? 'Choose a column…' : '(none)'}</option>
              <For each={props.headers}>{(h, i) => <option value={String(i())}>{h}</option>}</For>
            </select>
            <span class="hint">{f.hint}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

import { ValidationError } from '../../errors';
import { normaliseNudge, validateRun, type Nudge, type Run } from '../run';
import type { ImportFormat, ParsedFile } from './types';

type Where = { file: string; line?: number };

/** Trimmed, inner whitespace collapsed: the label a person sees. */
function tidyLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/**
 * Gathers a file's runs as a parser finds them: validates each one (so every run that reaches
 * the store passed the same rules as the form), keeps the first of any repeated id, and
 * remembers each nudge's first spelling as its label.
 */
export class RunCollector {
  private runs: Run[] = [];
  private kept = 0;
  private readonly ids = new Set<string>();
  private readonly labels = new Map<string, string>();
  /** Label spellings already registered (nudges repeat on every line: normalise each once). */
  private readonly spellings = new Set<string>();
  /** Nudge keys used by the runs kept. */
  private readonly used = new Set<string>();
  private readonly fileNudges: string[];
  private duplicates = 0;
  private legacy = new Map<string, string>();
  private readonly notes = new Map<string, string>();
  skippedTests = 0;

  constructor(
    readonly file: string,
    readonly format: ImportFormat,
    dialogNudges: readonly string[],
  ) {
    this.fileNudges = dialogNudges.map((label, i) => this.label(label, `import nudges[${i + 1}]`, { file }));
  }

  /** Registers a nudge label and returns its key; an empty one is an error at `where`. */
  label(raw: string, field: string, where: Where): string {
    const key = normaliseNudge(raw);
    if (!key) throw new ValidationError(field, 'a nudge needs a name (this one is empty)', where);
    if (!this.labels.has(key)) this.labels.set(key, tidyLabel(raw));
    return key;
  }

  /** Says something about how the file was read, once per `key` (the first wording wins). */
  note(key: string, text: string): void {
    if (!this.notes.has(key)) this.notes.set(key, text);
  }

  /**
   * Validates `input` (with the dialog's nudges added) and keeps it unless its id was seen.
   * `legacyId`: the id the same run got from imports before ids were SHA-256.
   */
  add(input: Record<string, unknown>, where: Where, legacyId?: string): void {
    const own = Array.isArray(input.nudges) ? input.nudges : [];
    // validateRun copies what it keeps, so the input needs no copy unless its nudges change.
    // Nudges that are not a list go to validateRun as they are, to be refused, not dropped.
    const wrongType = !Array.isArray(input.nudges) && input.nudges != null;
    const asIs = wrongType || this.fileNudges.length === 0;
    const run = validateRun(asIs ? input : { ...input, nudges: [...this.fileNudges, ...own] }, where);
    if (this.ids.has(run.id)) {
      this.duplicates++;
      return;
    }
    this.ids.add(run.id);
    if (legacyId !== undefined) this.legacy.set(run.id, legacyId);
    // Labels keep the spelling first met in the file (JSONL lines carry labels, not keys).
    for (const raw of own) {
      if (typeof raw !== 'string' || this.spellings.has(raw)) continue;
      this.spellings.add(raw);
      const key = normaliseNudge(raw);
      if (!this.labels.has(key)) this.labels.set(key, tidyLabel(raw));
    }
    for (const key of run.nudges) this.used.add(key);
    this.runs.push(run);
    this.kept++;
  }

  /** Runs kept so far, taken or not. */
  get count(): number {
    return this.kept;
  }

  /** Hands over the runs kept since the last take. */
  take(): Run[] {
    const runs = this.runs;
    this.runs = [];
    return runs;
  }

  /** The legacy ids of the runs kept since the last takeLegacy (by new id). */
  takeLegacy(): Map<string, string> {
    const legacy = this.legacy;
    this.legacy = new Map();
    return legacy;
  }

  result(): ParsedFile {
    const used = this.used;
    const nudges: Nudge[] = [...this.labels]
      .filter(([key]) => used.has(key))
      .map(([key, label]) => ({ key, label }));
    return {
      name: this.file,
      format: this.format,
      runs: this.runs,
      nudges,
      skippedTests: this.skippedTests,
      duplicates: this.duplicates,
      notes: [...this.notes.values()],
    };
  }
}

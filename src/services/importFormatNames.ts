/**
 * The names of the evidence formats the import reads, in the dialog's order, for pages that
 * only mention them. The formats themselves (services/importEvidence) carry their parsers,
 * which load with the import dialog, not with the Evidence page; a unit test keeps this list
 * equal to theirs.
 */
export const IMPORT_FORMAT_NAMES: readonly string[] = ['JUnit XML', 'promptfoo results', 'TAP', 'go test -json', 'JSON Lines', 'CSV'];

// The evidence importers: one folder per format under formats/ (registry.ts lists them),
// streamed, validated, all-or-nothing.
export * from './types';
export * from './errors';
export * from './summary';
export { FORMATS, IMPORT_FORMATS, detectFormat, formatById, formatSpec } from './formats/registry';
export type { FormatSpec, FieldMapping } from './formats/spec';
export { CSV_FIELDS, guessCsvMapping } from './formats/csv/csvMapping';
export { makeParser, parseSource, parseSources, type ByteSource, type ParseHooks } from './pipeline';
export { previewSource, PREVIEW_BYTES, PREVIEW_ROWS, type PreviewRequest, type PreviewResult } from './preview';
export { fileSource, type FileLike } from './source';

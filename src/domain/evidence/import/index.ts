// The evidence importers: JUnit XML, JSON Lines and CSV, streamed, validated, all-or-nothing.
export * from './types';
export * from './errors';
export * from './summary';
export { detectFormat } from './detect';
export { CSV_FIELDS, guessCsvMapping } from './csvMapping';
export { makeParser, parseSource, parseSources, type ByteSource, type ParseHooks } from './pipeline';
export { previewSource, PREVIEW_BYTES, PREVIEW_ROWS, type PreviewRequest, type PreviewResult } from './preview';
export { fileSource, type FileLike } from './source';

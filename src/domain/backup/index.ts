export { BackupError } from './errors';
export { BUNDLE_FORMAT, BUNDLE_VERSION, parseBundle, writeBundle } from './bundle';
export type { Bundle, BundleLog, Row } from './bundle';
export { checkBundleLog, planLog } from './logPlan';
export type { BundleLogCheck, LogPlan } from './logPlan';
export { isPlainKey, planKeyedRows, planNumberedRows } from './rowPlan';
export type { RowPlan } from './rowPlan';
export { decodeValue, encodeValue, fromBase64, stableKey, toBase64 } from './encoding';
export { checkRows, SPEC_ID } from './rowChecks';

/** The compile loop for pages: the one import path for src/ui. */
export { compile, type CompileProgress } from './loop';
export { acceptCandidate } from './accept';
export { compilations } from './history';
export { createExampleSpec } from './example';
export { testEndpoint } from './http';
export { compileOptions, endpointSettings, readApiKey, readEndpoint, saveApiKey, saveEndpoint, saveOptions } from './settings';
export { CompileCancelledError, CorsError, EndpointError, UnauthorizedError, UnreachableError } from './errors';
export { nudgeUsage, passRate, type CandidateRecord, type Compilation } from '../../domain/compile/compilation';
export { rankCandidates } from '../../domain/compile/rank';
export { lineDiff, type DiffLine } from '../../domain/spec/diff';
export { CompileTargetError } from '../../domain/compile/target';
export { DEFAULT_OPTIONS, type CompileOptions, type EndpointSettings } from '../../domain/compile/settings';
export { compileTarget, type TargetView } from './target';

export { tryResolvePath, PATHS } from '../domain/agentese/paths';
export { directionsFrom, MODES, type Mode } from '../domain/agentese/modes';

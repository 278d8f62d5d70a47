export type { Live } from '../store/live';

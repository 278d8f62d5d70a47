import type { Run } from '../domain/evidence/run';
import type { SpecMeta } from '../domain/spec/spec';
import type { EthicsFold, FoldValue } from '../domain/governance/ethicsFold';

/** Row shapes as stored. Domain types are stored as they are, plus index helper fields. */
export type SpecRow = SpecMeta;
export type RunRow = Run;

export interface NudgeRow {
  key: string;
  label: string;
  createdAt: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface LogRow {
  seq: number;
  kind: string;
  at: number;
  payload: unknown;
  /** Hex SHA-256(0x00 || canonical entry), kept so verification can name the entry that changed. */
  leafHash: string;
}

export interface CheckpointRow {
  id: string;
  specId: string;
  name: string;
  createdAt: number;
  automatic: boolean;
  /** Y.encodeStateAsUpdate of the spec at that moment. */
  state: Uint8Array;
}

/** The ethics header's running fold of the log: one row, id 'log' (see ethicsFoldRepo). */
export interface EthicsFoldRow {
  id: string;
  fold: EthicsFold;
}

/** One value of the fold's growing part, e.g. key 'scar:<id>' (see domain/governance/ethicsFold). */
export interface EthicsFoldKeyRow {
  key: string;
  value: FoldValue;
}

/** Rows of tables whose capability arrives in later releases; typed loosely until then. */
export interface GenericRow {
  [field: string]: unknown;
}

/**
 * A spec this browser shares with other devices: what it needs to reconnect after a reload or a
 * restart without the link. The password never leaves this browser but in links a person gives.
 */
export interface PeerSessionRow {
  specId: string;
  transport: 'webrtc' | 'websocket';
  room: string;
  password: string;
  /** Signaling servers (webrtc) or the one y-websocket server, as chosen when sharing or joining. */
  servers: string[];
  /** Whether this device opened the room or joined it by a link. */
  role: 'sharer' | 'joiner';
  createdAt: number;
  /** Joined a spec this device did not have: its title is taken from the document's first heading. */
  titleFromDocument?: boolean;
  /** The other devices this session heard from: when last seen and last in sync. */
  devices?: { device: string; name: string; lastSeenAt: number; lastInSyncAt?: number }[];
}

import type { HudView } from '../../../services/governance';
import type { DialTone } from './Dial';

export function vetoTone(v: HudView['veto']): DialTone {
  return v.fuse === 'tripped' ? 'bad' : v.fuse === 'strained' ? 'warn' : 'good';
}

export function trustTone(t: HudView['trust']): DialTone {
  // An open scar is a record waiting for a restoration, not a failure: amber, never red.
  if (t.tone === 'unresolved' || t.tone === 'vigilance' || t.consent.waitingFor.length > 0) return 'warn';
  return 'good';
}

export function proofTone(p: HudView['proof']): DialTone {
  return p.state === 'red' ? 'bad' : p.state === 'green' ? 'good' : 'neutral';
}

export const TONE_WORDS: Record<string, string> = {
  unresolved: 'unresolved',
  vigilance: 'vigilance',
  earned_forgiveness: 'earned forgiveness',
};

export function shortRoot(root: string | undefined | null): string {
  return root ? root.slice(0, 8) : '—';
}

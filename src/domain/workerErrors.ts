import { DomainError, ValidationError, errorFromData, errorToData, registerErrorClasses, type ErrorData } from './errors';
import { ModeTransitionError } from './agentese/errors';
import { UnknownPathError } from './agentese/paths';
import { BackupError } from './backup/errors';
import { BetImportError, BetAlreadyResolvedError } from './betting/errors';
import { AssertionError, CompileTargetError } from './compile/errors';
import { FileTooLargeError, ImportCancelledError } from './evidence/import/errors';
import { ChapelError } from './governance/errors';
import { CancelledError } from './learning/cancel';
import { NotPositiveDefiniteError } from './learning/errors';
import { CanonicalJsonError } from './ledger/canonicalJson';
import { DossierShapeError } from './ledger/dossierShape';
import { EntryNotSignedError } from './ledger/errors';
import { ScarAppendOnlyError } from './scars/scarLog';
import { NothingToInjectError, StaleEditError } from './spec/errors';

/*
 * Errors across worker boundaries. Comlink sends a thrown Error as name, message and stack,
 * and the page gets a plain Error back: the class and fields such as a ValidationError's
 * field, file and line are lost. Installed on both sides of every worker (its entry file and
 * its client), the throw handler below sends the error as plain data with its fields
 * (errorToData) and rebuilds it on the other side as the same class (errorFromData). This
 * module imports no Comlink: the caller passes Comlink's handler map.
 */

registerErrorClasses({
  DomainError, ValidationError, ModeTransitionError, UnknownPathError, BackupError, BetImportError, BetAlreadyResolvedError,
  AssertionError, CompileTargetError, FileTooLargeError, ImportCancelledError, ChapelError, CancelledError,
  NotPositiveDefiniteError, CanonicalJsonError, DossierShapeError, EntryNotSignedError, ScarAppendOnlyError, StaleEditError,
  NothingToInjectError,
});

/** The shape of Comlink's transfer handlers (comlink's TransferHandler, without importing it). */
export interface ThrowHandler {
  canHandle(value: unknown): boolean;
  serialize(value: never): [unknown, Transferable[]];
  deserialize(value: never): unknown;
}
type Wire = { isError: true; value: ErrorData } | { isError: false; value: unknown };
const MARK = Symbol.for('metacompiler.errorData');

/** Replaces Comlink's 'throw' handler with one that keeps error classes and fields; safe to call twice. */
export function installWorkerErrors(handlers: Map<string, ThrowHandler>): void {
  const base = handlers.get('throw');
  if (!base || MARK in base) return;
  const handler: ThrowHandler & { [MARK]: true } = {
    [MARK]: true,
    canHandle: (v) => base.canHandle(v),
    serialize: ({ value }: { value: unknown }): [Wire, Transferable[]] =>
      [value instanceof Error ? { isError: true, value: errorToData(value) } : { isError: false, value }, []],
    deserialize: (wire: Wire) => {
      throw wire.isError ? errorFromData(wire.value) : wire.value;
    },
  };
  handlers.set('throw', handler);
}

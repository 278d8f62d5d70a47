import { DomainError } from '../errors';

/** Raised when a long computation is stopped by its caller (the worker's cancel button). */
export class CancelledError extends DomainError {
  constructor(message = 'the computation was cancelled') {
    super(message, 'CancelledError');
  }
}

export type ShouldCancel = () => boolean;
export type OnProgress = (fraction: number) => void;

/**
 * Reports progress that never goes backwards (phases estimate their own share, and an
 * estimate may undershoot) and checks for cancellation at the same points.
 */
export class Progress {
  private last = 0;
  constructor(
    private readonly onProgress?: OnProgress,
    private readonly shouldCancel?: ShouldCancel,
  ) {}

  report(fraction: number): void {
    if (this.shouldCancel?.()) throw new CancelledError();
    const f = Math.min(1, Math.max(this.last, fraction));
    if (f > this.last || f === 1) {
      this.last = f;
      this.onProgress?.(f);
    }
  }
}

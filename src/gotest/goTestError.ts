// Why a profiled test run gave no profile, as one line for the user; `kind` picks the buttons beside it.

export type GoTestErrorKind = 'input' | 'goMissing' | 'notModule' | 'failed' | 'cancelled';

export class GoTestError extends Error {
  constructor(
    readonly kind: GoTestErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GoTestError';
  }
}

/** Domain errors carry a stable `code` that every UI translates; `details` hold
 *  the values the message needs (a field name, a limit), never secrets. */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Throws INVARIANT_BROKEN when an internal invariant does not hold. */
export function invariant(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DomainError('INVARIANT_BROKEN', { what }, `invariant broken: ${what}`);
}

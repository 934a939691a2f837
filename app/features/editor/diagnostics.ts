/**
 * Errors in the problem module, from wherever they come (Monaco's TypeScript worker, the module loader,
 * the default-export check), reduced to the one sentence that tells why Solve is disabled.
 */

/** One error at a 1-based position in the problem source. */
export interface SourceError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Errors of the module loader come after TypeScript's at the same place: TypeScript says it better. */
  readonly fromLoader?: boolean;
}

/** Errors by position; the same message at the same place (several checkers agree) once. */
export function sortErrors(errors: readonly SourceError[]): SourceError[] {
  const seen = new Set<string>();
  return [...errors]
    .sort((a, b) => a.line - b.line || a.column - b.column || Number(a.fromLoader ?? false) - Number(b.fromLoader ?? false))
    .filter((e) => {
      const key = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Why the problem cannot be solved, or '' when it can: the first error, with how many follow. */
export function blockingReason(errors: readonly SourceError[]): string {
  const [first, ...rest] = sortErrors(errors);
  if (!first) return '';
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more error${rest.length === 1 ? '' : 's'})`;
  const message = first.message.replace(/\s+/g, ' ').trim().replace(/([^.!?])$/, '$1.');
  return `Problem module, line ${first.line}: ${message}${more}`;
}

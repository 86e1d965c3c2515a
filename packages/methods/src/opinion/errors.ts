/**
 * Typed error for malformed opinion-map input (CSV, JSON, unknown ids, invalid options).
 * The message always names where the problem is: a file, line and column/field, or the option.
 */
export class OpinionInputError extends Error {
  /** Which input the problem is in, e.g. `votes.csv` or `options.kMin`. */
  readonly source: string;
  /** 1-based line number in a text input, when known. */
  readonly line: number | undefined;
  /** The column or JSON field that is wrong, when known. */
  readonly field: string | undefined;

  constructor(source: string, message: string, location: { line?: number; field?: string } = {}) {
    const where = [source, location.line !== undefined ? `line ${location.line}` : '', location.field !== undefined ? `field "${location.field}"` : '']
      .filter((s) => s !== '')
      .join(', ');
    super(`${where}: ${message}`);
    this.name = 'OpinionInputError';
    this.source = source;
    this.line = location.line;
    this.field = location.field;
  }
}

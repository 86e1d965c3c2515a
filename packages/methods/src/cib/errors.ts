// Typed errors of the CIB module. Every message names the descriptor, row, column or line at fault.

/** Where in the input a problem was found. Rows, columns and lines are 1-based, as a user counts them. */
export interface CibErrorLocation {
  /** Name of the descriptor concerned. */
  descriptor?: string;
  /** 1-based matrix row (impacting variant). */
  row?: number;
  /** 1-based matrix column (impacted variant). */
  column?: number;
  /** 1-based line of a text file (.scw, .sl, CSV). */
  line?: number;
  /** JSON path of a field (for JSON input). */
  field?: string;
}

/** Malformed CIB input: non-square matrix, variant counts that do not add up, non-integers, empty descriptors. */
export class CibInputError extends Error {
  readonly descriptor: string | undefined;
  readonly row: number | undefined;
  readonly column: number | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(message: string, location: CibErrorLocation = {}) {
    super(message);
    this.name = 'CibInputError';
    this.descriptor = location.descriptor;
    this.row = location.row;
    this.column = location.column;
    this.line = location.line;
    this.field = location.field;
  }
}

/** An unparsable ScenarioWizard `.scw` or `.sl` file; `line` is the 1-based line number. */
export class ScwParseError extends CibInputError {
  constructor(message: string, location: CibErrorLocation) {
    super(message, location);
    this.name = 'ScwParseError';
  }
}

/** Thrown when a long run is cancelled through its `signal`. */
export class CibCancelledError extends Error {
  constructor(message = 'The CIB computation was cancelled.') {
    super(message);
    this.name = 'CibCancelledError';
  }
}

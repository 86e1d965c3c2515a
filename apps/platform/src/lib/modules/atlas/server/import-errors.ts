import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** A damaged or unexpected official file: the message names file, sheet, row and column, so a user can look. */
export class DataFileError extends Error {
  readonly file: string;
  readonly sheet: string | undefined;
  readonly row: number | undefined;
  readonly column: string | undefined;
  constructor(message: string, where: { file: string; sheet?: string; row?: number; column?: string }) {
    const place = [where.file, where.sheet && `sheet "${where.sheet}"`, where.row && `row ${where.row}`, where.column && `column ${where.column}`]
      .filter(Boolean)
      .join(', ');
    super(`${place}: ${message}`);
    this.name = 'DataFileError';
    this.file = where.file;
    this.sheet = where.sheet;
    this.row = where.row;
    this.column = where.column;
  }
}

/** Spreadsheet column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The bytes of an official file; a missing or unreadable file is a DataFileError naming it. */
export async function readDataFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new DataFileError('file not found or not readable', { file: basename(path) });
  }
}

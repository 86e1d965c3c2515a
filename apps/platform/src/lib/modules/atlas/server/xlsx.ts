import { basename } from 'node:path';
import { DataFileError } from './import-errors.ts';

/** A cell as plain data: rich text flattened, formulas replaced by their results. */
export type Cell = string | number | boolean | Date | null;

/** One worksheet as rows of cells; `rows[0]` is spreadsheet row 1, `rows[r][0]` column A. */
export interface Sheet {
  name: string;
  rows: Cell[][];
}

function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return plain(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return null;
  }
  return String(value);
}

/** Reads every worksheet of an .xlsx file into plain rows. */
export async function readXlsx(path: string): Promise<Sheet[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new DataFileError(`not a readable .xlsx file (${error instanceof Error ? error.message : String(error)})`, { file: basename(path) });
  }
  return workbook.worksheets.map((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values = row.values as unknown[];
      // exceljs rows are 1-based (values[0] is empty); shift to 0-based columns.
      rows[rowNumber - 1] = values.slice(1).map(plain);
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: ws.name, rows };
  });
}

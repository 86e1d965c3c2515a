import { columnLetter, DataFileError } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/** The INKAR 2018 indicators the atlas imports (per Gemeindeverband, Gebietsstand 31.12.2015). */
export const INKAR_INDICATORS = {
  beschaeftigtenquote: { label: /besch.ftigtenquote/i, unit: 'per 100 inhabitants aged 15–65' },
  arbeitslose: { label: /arbeitslosigkeit/i, unit: 'per 1,000 inhabitants aged 15–65' },
  einkommensteuer: { label: /einkommensteuer/i, unit: '€ per inhabitant' },
} as const;
export type InkarIndicator = keyof typeof INKAR_INDICATORS;

export interface InkarFile {
  indicator: InkarIndicator;
  years: number[];
  /** Values per Gemeindeverband code (8 digits, = BBSR gvb15 code), keyed by year. */
  values: Map<string, Record<string, number>>;
}

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim());

/**
 * Parses an INKAR export (.xls, sheet "Daten"): row 1 Kennziffer, Raumeinheit, Aggregat and the indicator's name
 * in every value column, row 2 the years, then one row per Gemeindeverband.
 */
export function parseInkar(sheets: Sheet[], file: string): InkarFile {
  const sheet = sheets.find((s) => s.name === 'Daten') ?? sheets[0];
  if (!sheet) throw new DataFileError('no sheet "Daten"', { file });
  const header = sheet.rows[0] ?? [];
  const yearsRow = sheet.rows[1] ?? [];
  if (text(header[0]).toLowerCase() !== 'kennziffer') throw new DataFileError('header "Kennziffer" expected in column A', { file, sheet: sheet.name, row: 1, column: 'A' });
  const label = text(header[3]);
  const indicator = (Object.keys(INKAR_INDICATORS) as InkarIndicator[]).find((k) => INKAR_INDICATORS[k].label.test(label));
  if (!indicator) throw new DataFileError(`unknown indicator "${label}"`, { file, sheet: sheet.name, row: 1, column: 'D' });
  const columns: { c: number; year: number }[] = [];
  for (let c = 3; c < yearsRow.length; c++) {
    const y = Number(text(yearsRow[c]));
    if (!Number.isInteger(y) || y < 1950 || y > 2100) throw new DataFileError(`year "${text(yearsRow[c])}" is not a year`, { file, sheet: sheet.name, row: 2, column: columnLetter(c + 1) });
    columns.push({ c, year: y });
  }
  const values = new Map<string, Record<string, number>>();
  for (let r = 2; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const code = text(row[0]);
    if (!code) continue;
    if (!/^\d{8}$/.test(code)) throw new DataFileError(`Kennziffer "${code}" is not eight digits`, { file, sheet: sheet.name, row: r + 1, column: 'A' });
    const byYear: Record<string, number> = {};
    for (const { c, year } of columns) {
      const cell = row[c];
      if (cell === null || cell === undefined || cell === '') continue;
      const n = typeof cell === 'number' ? cell : Number(String(cell).replace(',', '.'));
      if (!Number.isFinite(n)) throw new DataFileError(`value "${text(cell)}" is not a number`, { file, sheet: sheet.name, row: r + 1, column: columnLetter(c + 1) });
      byYear[year] = n;
    }
    values.set(code, byYear);
  }
  if (values.size === 0) throw new DataFileError('no data rows', { file, sheet: sheet.name });
  return { indicator, years: columns.map((x) => x.year), values };
}

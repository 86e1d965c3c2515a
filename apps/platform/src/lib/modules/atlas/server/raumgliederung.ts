import { lageFromText, TYPE_CODES, type Lage, type TypeCode } from './bbsr.ts';
import { columnLetter, DataFileError } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/**
 * The BBSR reference file `raumgliederungen-referenzen-<year>.xlsx` (download page "Referenzdateien" of the BBSR
 * Raumbeobachtung), sheet "Gemeindereferenz (inkl. Kreise)": row 1 holds short variable names (GEM<year>,
 * GEM_NAME, VWG<year>, …, GTU<year>/GTU_NAME for the Stadt- und Gemeindetyp, RLG<year>/RLG_NAME for the Lage),
 * row 2 their long descriptions, then one row per municipality. When a user supplies this file, the atlas takes
 * the Lage (and the type) from it instead of approximating them.
 */
export interface Raumgliederung {
  /** Reference year of the file (the <year> in GEM<year>). */
  year: number;
  /** Official Lage by AGS (8 digits). */
  byAgs: Map<string, Lage>;
  /** Official Stadt- und Gemeindetyp by AGS, where the file has the GTU columns. */
  typeByAgs: Map<string, TypeCode>;
}

export const RAUMGLIEDERUNG_SHEET = 'Gemeindereferenz (inkl. Kreise)';
export const RAUMGLIEDERUNG_FILE = /^raumgliederungen-referenzen-(\d{4})\.xlsx$/i;

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim());

/** Type from the BBSR name ("Kleine Kleinstadt") or code (10…50, or the two-digit sub-codes 11, 12, …). */
function typeOf(name: string, code: string): TypeCode | undefined {
  const n = name.toLowerCase();
  if (/gro(ß|ss)stadt/.test(n)) return 10;
  if (/mittelstadt/.test(n)) return 20;
  if (/gr(ö|oe)(ß|ss)ere kleinstadt/.test(n)) return 30;
  if (/kleine kleinstadt/.test(n)) return 40;
  if (/landgemeinde/.test(n)) return 50;
  const c = Number(code);
  if (TYPE_CODES.includes(c as TypeCode)) return c as TypeCode;
  if (Number.isInteger(c) && c >= 11 && c <= 59 && TYPE_CODES.includes((Math.floor(c / 10) * 10) as TypeCode)) return (Math.floor(c / 10) * 10) as TypeCode;
  return undefined;
}

/** Lage from the BBSR name or its code (1 sehr zentral … 4 sehr peripher). */
function lageOf(name: string, code: string): Lage | undefined {
  return lageFromText(name) ?? (['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'] as const)[Number(code) - 1];
}

export function parseRaumgliederung(sheets: Sheet[], file: string): Raumgliederung {
  const sheet = sheets.find((s) => s.name.trim().toLowerCase() === RAUMGLIEDERUNG_SHEET.toLowerCase());
  if (!sheet) throw new DataFileError(`sheet "${RAUMGLIEDERUNG_SHEET}" expected (found: ${sheets.map((s) => s.name).join(', ')})`, { file });
  const headerRow = sheet.rows.findIndex((row, i) => i < 10 && row.some((c) => /^GEM\d{4}$/i.test(text(c))));
  if (headerRow < 0) throw new DataFileError('header row with "GEM<year>" not found', { file, sheet: sheet.name });
  const header = (sheet.rows[headerRow] ?? []).map((c) => text(c).toUpperCase());
  const gemColumn = header.findIndex((h) => /^GEM\d{4}$/.test(h));
  const year = Number(header[gemColumn]!.slice(3));
  const find = (name: string) => header.indexOf(name);
  const cLage = find(`RLG${year}`);
  const cLageName = find('RLG_NAME');
  if (cLage < 0 && cLageName < 0) throw new DataFileError(`header column "RLG${year}" (Lage) not found`, { file, sheet: sheet.name, row: headerRow + 1 });
  const cType = find(`GTU${year}`);
  const cTypeName = find('GTU_NAME');
  const byAgs = new Map<string, Lage>();
  const typeByAgs = new Map<string, TypeCode>();
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const raw = text(row[gemColumn]);
    if (!raw) continue;
    // The row below the short names repeats them as long descriptions ("Gemeinden 2022 Kennziffer"): skip text rows
    // before the first municipality.
    if (!/^\d+$/.test(raw)) {
      if (r === headerRow + 1) continue;
      throw new DataFileError(`AGS "${raw}" is not a number of up to 8 digits`, { file, sheet: sheet.name, row: r + 1, column: columnLetter(gemColumn + 1) });
    }
    if (raw.length > 8) throw new DataFileError(`AGS "${raw}" is not a number of up to 8 digits`, { file, sheet: sheet.name, row: r + 1, column: columnLetter(gemColumn + 1) });
    const ags = raw.padStart(8, '0');
    const lageName = cLageName >= 0 ? text(row[cLageName]) : '';
    const lageCode = cLage >= 0 ? text(row[cLage]) : '';
    const lage = lageOf(lageName, lageCode);
    if (!lage) {
      const c = lageName ? cLageName : cLage;
      throw new DataFileError(`Lage "${lageName || lageCode}" is not one of sehr zentral, zentral, peripher, sehr peripher (1–4)`, { file, sheet: sheet.name, row: r + 1, column: columnLetter(c + 1) });
    }
    byAgs.set(ags, lage);
    if (cType >= 0 || cTypeName >= 0) {
      const typeName = cTypeName >= 0 ? text(row[cTypeName]) : '';
      const typeCode = cType >= 0 ? text(row[cType]) : '';
      const type = typeOf(typeName, typeCode);
      if (!type) {
        const c = typeName ? cTypeName : cType;
        throw new DataFileError(`Stadt-/Gemeindetyp "${typeName || typeCode}" is not one of Großstadt, Mittelstadt, Größere Kleinstadt, Kleine Kleinstadt, Landgemeinde`, {
          file,
          sheet: sheet.name,
          row: r + 1,
          column: columnLetter(c + 1),
        });
      }
      typeByAgs.set(ags, type);
    }
  }
  if (byAgs.size === 0) throw new DataFileError('no data rows', { file, sheet: sheet.name });
  return { year, byAgs, typeByAgs };
}

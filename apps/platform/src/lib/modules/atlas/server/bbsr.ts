import { columnLetter, DataFileError } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/** BBSR Stadt- und Gemeindetyp codes. */
export const TYPE_CODES = [10, 20, 30, 40, 50] as const;
export type TypeCode = (typeof TYPE_CODES)[number];
export const TYPE_KEYS: Record<TypeCode, 'grossstadt' | 'mittelstadt' | 'groessere_kleinstadt' | 'kleine_kleinstadt' | 'landgemeinde'> = {
  10: 'grossstadt',
  20: 'mittelstadt',
  30: 'groessere_kleinstadt',
  40: 'kleine_kleinstadt',
  50: 'landgemeinde',
};
export const isKleinstadt = (code: number | null | undefined) => code === 30 || code === 40;

/** The BBSR rule: the type of a Gemeindeverband follows the population of its largest member municipality. */
export function typeByLargestMember(population: number): TypeCode {
  if (population >= 100_000) return 10;
  if (population >= 20_000) return 20;
  if (population >= 10_000) return 30;
  if (population >= 5_000) return 40;
  return 50;
}

/** Lage (BBSR Raumtyp nach Lage). */
export const LAGE_KEYS = ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'] as const;
export type Lage = (typeof LAGE_KEYS)[number];
export const isPeripheral = (lage: string | null | undefined) => lage === 'peripher' || lage === 'sehr_peripher';

export function lageFromText(raw: string): Lage | undefined {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'sehr zentral') return 'sehr_zentral';
  if (t === 'zentral') return 'zentral';
  if (t === 'peripher') return 'peripher';
  if (t === 'sehr peripher') return 'sehr_peripher';
  return undefined;
}

export interface Bbsr2015Association {
  /** BBSR/INKAR Gemeindeverband code: Kreis(5) + 3 digits. */
  code: string;
  /** 9-digit Regionalschlüssel of the Gemeindeverband. */
  ars: string;
  name: string;
  typeCode: TypeCode;
  eastWest: 'west' | 'ost';
  areaKm2: number | null;
  population: number;
}

export interface Bbsr2015Municipality {
  ags: string;
  ars: string;
  name: string;
  associationCode: string;
  areaKm2: number | null;
  population: number;
  postcode: string | null;
}

export interface Bbsr2015 {
  stand: string;
  associations: Map<string, Bbsr2015Association>;
  municipalities: Bbsr2015Municipality[];
}

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).trim();
}

/** Reads the 3rd row of a BBSR sheet (short variable names: gvb15, sgtyp, …) into a column map. */
function headerMap(sheet: Sheet, file: string, wanted: string[]): { columns: Map<string, number>; dataStart: number } {
  const headerRow = sheet.rows.findIndex((row, i) => i < 10 && row.some((c) => wanted.includes(text(c))));
  if (headerRow < 0) throw new DataFileError(`header row with "${wanted[0]}" not found`, { file, sheet: sheet.name });
  const columns = new Map<string, number>();
  (sheet.rows[headerRow] ?? []).forEach((c, i) => {
    const l = text(c);
    if (l && !columns.has(l)) columns.set(l, i);
  });
  return { columns, dataStart: headerRow + 1 };
}

function code(cell: Cell | undefined, digits: number, fail: () => DataFileError): string {
  const t = text(cell);
  if (!/^\d+$/.test(t) || t.length > digits) throw fail();
  return t.padStart(digits, '0');
}

function num(cell: Cell | undefined, fail: () => DataFileError): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  const n = typeof cell === 'number' ? cell : Number(String(cell).replace(',', '.'));
  if (!Number.isFinite(n)) throw fail();
  return n;
}

/**
 * Parses the BBSR reference file `Referenz_1998_2015.xlsx` (Stand 31.12.2015): sheet "GVB 2015" (Gemeindeverbände with
 * the official Stadt- und Gemeindetyp) and sheet "Gemeinden" (member municipalities). In "Gemeinden", the column
 * "Regionalschlüssel Gemeindeverband 2015" is not row-aligned in the published file, so it is ignored; the
 * association's Regionalschlüssel comes from "GVB 2015".
 */
export function parseBbsrReference(sheets: Sheet[], file: string): Bbsr2015 {
  const gvbSheet = sheets.find((s) => /^gvb\s*2015$/i.test(s.name.trim()));
  const gemSheet = sheets.find((s) => /^gemeinden$/i.test(s.name.trim()));
  if (!gvbSheet || !gemSheet) {
    throw new DataFileError(`sheets "GVB 2015" and "Gemeinden" expected (found: ${sheets.map((s) => s.name).join(', ')})`, { file });
  }
  const associations = new Map<string, Bbsr2015Association>();
  {
    const { columns, dataStart } = headerMap(gvbSheet, file, ['gvb15']);
    const need = (k: string) => {
      const c = columns.get(k);
      if (c === undefined) throw new DataFileError(`header column "${k}" not found`, { file, sheet: gvbSheet.name, row: dataStart });
      return c;
    };
    const cCode = need('gvb15');
    const cName = need('Name des Gemeindeverbands');
    const cArs = need('Regionalschlüssel');
    const cType = need('sgtyp');
    const cWo = need('wo');
    const cArea = need('Fläche in km²');
    const cPop = need('Bevölkerung 31.12.2015');
    for (let r = dataStart; r < gvbSheet.rows.length; r++) {
      const row = gvbSheet.rows[r] ?? [];
      if (text(row[cCode]) === '') continue;
      const fail = (c: number, what: string) => () => new DataFileError(what, { file, sheet: gvbSheet.name, row: r + 1, column: columnLetter(c + 1) });
      const typeCode = Number(text(row[cType]));
      if (!TYPE_CODES.includes(typeCode as TypeCode)) throw fail(cType, `Stadt-/Gemeindetyp "${text(row[cType])}" is not one of 10, 20, 30, 40, 50`)();
      const wo = text(row[cWo]);
      if (wo !== '1' && wo !== '2') throw fail(cWo, `West/Ost code "${wo}" is not 1 or 2`)();
      const pop = num(row[cPop], fail(cPop, 'population is not a number'));
      if (pop === null) throw fail(cPop, 'population is empty')();
      const a: Bbsr2015Association = {
        code: code(row[cCode], 8, fail(cCode, `Gemeindeverband code "${text(row[cCode])}" is not a number of up to 8 digits`)),
        ars: code(row[cArs], 9, fail(cArs, `Regionalschlüssel "${text(row[cArs])}" is not a number of up to 9 digits`)),
        name: text(row[cName]),
        typeCode: typeCode as TypeCode,
        eastWest: wo === '1' ? 'west' : 'ost',
        areaKm2: num(row[cArea], fail(cArea, 'area is not a number')),
        population: pop,
      };
      associations.set(a.code, a);
    }
  }
  const municipalities: Bbsr2015Municipality[] = [];
  {
    const { columns, dataStart } = headerMap(gemSheet, file, ['gem15']);
    const need = (k: string) => {
      const c = columns.get(k);
      if (c === undefined) throw new DataFileError(`header column "${k}" not found`, { file, sheet: gemSheet.name, row: dataStart });
      return c;
    };
    const cAgs = need('gem15');
    const cArs = need('Regionalschlüssel 2015');
    const cName = need('Gemeindename 2015');
    const cGvb = need('Gemeindeverband, Stand 31.12.2015');
    const cArea = need('Fläche in km²');
    const cPop = need('Bevölkerung 31.12.2015');
    const cPlz = need('Postleitzahl');
    for (let r = dataStart; r < gemSheet.rows.length; r++) {
      const row = gemSheet.rows[r] ?? [];
      if (text(row[cAgs]) === '') continue;
      const fail = (c: number, what: string) => () => new DataFileError(what, { file, sheet: gemSheet.name, row: r + 1, column: columnLetter(c + 1) });
      const associationCode = code(row[cGvb], 8, fail(cGvb, `Gemeindeverband code "${text(row[cGvb])}" is not a number of up to 8 digits`));
      if (!associations.has(associationCode)) throw fail(cGvb, `Gemeindeverband ${associationCode} is not in sheet "${gvbSheet.name}"`)();
      const pop = num(row[cPop], fail(cPop, 'population is not a number'));
      const plz = text(row[cPlz]);
      municipalities.push({
        ags: code(row[cAgs], 8, fail(cAgs, `AGS "${text(row[cAgs])}" is not a number of up to 8 digits`)),
        ars: code(row[cArs], 12, fail(cArs, `Regionalschlüssel "${text(row[cArs])}" is not a number of up to 12 digits`)),
        name: text(row[cName]),
        associationCode,
        areaKm2: num(row[cArea], fail(cArea, 'area is not a number')),
        population: pop ?? 0,
        postcode: plz ? plz.padStart(5, '0') : null,
      });
    }
  }
  if (associations.size === 0 || municipalities.length === 0) throw new DataFileError('no data rows found', { file });
  return { stand: '2015-12-31', associations, municipalities };
}

/** Parses the RKI/GISD table PLZ4 → BBSR Lage ("PLZ4;Raumtyp_Lage_bez", semicolon-separated). */
export function parsePlz4Lage(content: string, file: string): Map<string, Lage> {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(/[;,]/).map((h) => h.trim().toLowerCase());
  const cPlz = header.findIndex((h) => h === 'plz4');
  const cLage = header.findIndex((h) => /lage/.test(h));
  if (cPlz < 0 || cLage < 0) throw new DataFileError('header "PLZ4;Raumtyp_Lage_bez" expected', { file, row: 1 });
  const out = new Map<string, Lage>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const cells = line.split(/[;,]/);
    const plz = (cells[cPlz] ?? '').trim();
    const lage = lageFromText(cells[cLage] ?? '');
    if (!/^\d{1,4}$/.test(plz)) throw new DataFileError(`PLZ4 "${plz}" is not a four-digit code`, { file, row: i + 1, column: columnLetter(cPlz + 1) });
    if (!lage) throw new DataFileError(`Lage "${cells[cLage] ?? ''}" is not one of sehr zentral, zentral, peripher, sehr peripher`, { file, row: i + 1, column: columnLetter(cLage + 1) });
    out.set(plz.padStart(4, '0'), lage);
  }
  if (out.size === 0) throw new DataFileError('no data rows', { file });
  return out;
}

/** Type per 2015 Gemeindeverband computed by the rule from the 2015 member populations. */
export function ruleOn2015(ref: Bbsr2015): Map<string, TypeCode> {
  const largest = new Map<string, number>();
  for (const m of ref.municipalities) largest.set(m.associationCode, Math.max(largest.get(m.associationCode) ?? 0, m.population));
  const out = new Map<string, TypeCode>();
  for (const code of ref.associations.keys()) out.set(code, typeByLargestMember(largest.get(code) ?? 0));
  return out;
}

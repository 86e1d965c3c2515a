import { columnLetter, DataFileError } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/** One municipality from a Destatis GV-ISys "Auszug GV" file. */
export interface GvMunicipality {
  ags: string;
  ars: string;
  name: string;
  shortName: string;
  typeCode: string;
  isTown: boolean;
  landCode: string;
  landName: string;
  kreisCode: string;
  kreisName: string;
  municipalAssociationArs: string;
  municipalAssociationName: string;
  areaKm2: number | null;
  population: number | null;
  populationMale: number | null;
  populationFemale: number | null;
  postcode: string | null;
  longitude: number | null;
  latitude: number | null;
}

export interface GvFile {
  /** Gebietsstand of the file as ISO date (e.g. 2023-12-31). */
  stand: string;
  sheet: string;
  municipalities: GvMunicipality[];
  /** Gemeindefreie Gebiete skipped (type codes 65/66). */
  skippedUnincorporated: number;
}

// The columns we read, found by their header labels (the layout shifts slightly between years).
// Files before 1991 have no Verbandsschlüssel (VB) and no Textkennzeichen; they mark towns in a column "Stadtrechte".
const REQUIRED = ['satzart', 'land', 'rb', 'kreis', 'gem', 'name'] as const;
const OPTIONAL = ['vb', 'textkz', 'stadtrechte', 'area', 'pop', 'male', 'female', 'plz', 'lon', 'lat'] as const;
type Key = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

const TOWN_TYPES = new Set(['61', '62', '63', '67']);
const UNINCORPORATED = new Set(['65', '66']);

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Normalises a header label: lower case, hyphenation and footnote marks removed. */
function label(cell: Cell | undefined): string {
  return text(cell)
    .toLowerCase()
    .replace(/-\s*/g, '')
    .replace(/\s*\d\)\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function matchKey(headerStack: string[]): Key | undefined {
  const h = headerStack.join(' | ');
  const last = headerStack.at(-1) ?? '';
  if (/satzart/.test(last)) return 'satzart';
  if (/textkennzeichen/.test(last)) return 'textkz';
  if (last === 'land') return 'land';
  if (last === 'rb') return 'rb';
  if (last === 'kreis') return 'kreis';
  if (last === 'vb') return 'vb';
  if (last === 'gem' || last === 'gemeinde') return 'gem';
  if (/^stadtrechte/.test(last)) return 'stadtrechte';
  if (/gemeindename/.test(last)) return 'name';
  if (/^fläche/.test(last)) return 'area';
  if (last === 'insgesamt' && /bevölkerung|einwohner/.test(h)) return 'pop';
  if (last === 'männlich') return 'male';
  if (last === 'weiblich') return 'female';
  if (/postleitzahl/.test(last)) return 'plz';
  if (/längengrad/.test(last)) return 'lon';
  if (/breitengrad/.test(last)) return 'lat';
  return undefined;
}

/** Parses a number that may be German-formatted text ("9,43751", "1.234"). */
function number(cell: Cell | undefined, where: () => DataFileError): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') return cell;
  const raw = String(cell).trim();
  if (raw === '' || raw === '-' || raw === '.') return null;
  const normalised = raw.includes(',') ? raw.replace(/\./g, '').replace(',', '.') : raw;
  const value = Number(normalised);
  if (!Number.isFinite(value)) throw where();
  return value;
}

/** Finds the GV data sheet and its header band, then reads every municipality row (Satzart 60). */
export function parseGvWorkbook(sheets: Sheet[], file: string): GvFile {
  const sheet =
    sheets.find((s) => /^onlineprodukt/i.test(s.name)) ?? sheets.find((s) => /^gemeindedaten/i.test(s.name)) ?? sheets.find((s) => /gemeinden/i.test(s.name));
  if (!sheet) {
    throw new DataFileError(`no sheet named "Onlineprodukt_Gemeinden…" (found: ${sheets.map((s) => s.name).join(', ')})`, { file });
  }
  const { rows } = sheet;
  // The header band runs from the first row that says "Satzart" to the first row whose first cell is a Satzart code.
  const headerStart = rows.findIndex((row) => row.some((cell) => label(cell) === 'satzart'));
  if (headerStart < 0) throw new DataFileError('header row with "Satz-art" not found', { file, sheet: sheet.name });
  let dataStart = headerStart + 1;
  while (dataStart < rows.length && !/^\d{2}$/.test(text(rows[dataStart]?.find((c) => text(c) !== '')))) dataStart++;
  const headerRows = rows.slice(headerStart, dataStart);
  const width = Math.max(...headerRows.map((r) => r.length));
  const columns = new Map<Key, number>();
  for (let c = 0; c < width; c++) {
    // Read the labels top-down; the most specific label is the last distinct one above the data.
    const stack = headerRows.map((r) => label(r[c])).filter((l, i, all) => l !== '' && all.indexOf(l) === i && !/gebietsstand|zuordnungsstand|^\d/.test(l));
    // Labels below the column name are notes ("am 31.12.2013 (Jahr) auf Grundlage des Zensus 2011"): drop them from
    // the bottom until the stack names a known column.
    let key: Key | undefined;
    for (let depth = stack.length; depth > 0 && !key; depth--) key = matchKey(stack.slice(0, depth));
    if (key && !columns.has(key)) columns.set(key, c);
  }
  for (const key of REQUIRED) {
    if (!columns.has(key)) throw new DataFileError(`header column "${key}" not found`, { file, sheet: sheet.name, row: headerStart + 1 });
  }
  const title = rows.slice(0, headerStart).flat().map(text).join(' ') + ' ' + headerRows.flat().map(text).join(' ');
  const standMatch = /(\d{2})\.(\d{2})\.(\d{4})/.exec(title);
  const stand = standMatch ? `${standMatch[3]}-${standMatch[2]}-${standMatch[1]}` : 'unknown';

  const col = (key: Key) => columns.get(key);
  const get = (row: Cell[], key: Key) => {
    const c = col(key);
    return c === undefined ? null : (row[c] ?? null);
  };
  const lands = new Map<string, string>();
  const kreise = new Map<string, string>();
  const associations = new Map<string, string>();
  const municipalities: GvMunicipality[] = [];
  let skippedUnincorporated = 0;

  for (let r = dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const satzart = text(get(row, 'satzart'));
    if (!/^\d{2}$/.test(satzart)) continue; // footnotes and blank lines
    const rowNumber = r + 1;
    const fail = (key: Key, message: string) => new DataFileError(message, { file, sheet: sheet.name, row: rowNumber, column: columnLetter((col(key) ?? 0) + 1) });
    const land = text(get(row, 'land'));
    const rb = text(get(row, 'rb'));
    const kreis = text(get(row, 'kreis'));
    const hasVb = columns.has('vb');
    const vb = hasVb ? text(get(row, 'vb')) : '0000';
    const gem = text(get(row, 'gem'));
    const name = text(get(row, 'name'));
    if (!/^\d{2}$/.test(land)) throw fail('land', `Land code "${land}" is not two digits`);
    if (satzart === '10') lands.set(land, name);
    else if (satzart === '40') kreise.set(`${land}${rb}${kreis}`, name);
    else if (satzart === '50') associations.set(`${land}${rb}${kreis}${vb}`, name);
    else if (satzart === '60') {
      const typeCode = columns.has('textkz') ? text(get(row, 'textkz')) : text(get(row, 'stadtrechte')).toLowerCase() === 'x' ? '63' : '64';
      if (UNINCORPORATED.has(typeCode)) {
        skippedUnincorporated++;
        continue;
      }
      if (!/^\d$/.test(rb)) throw fail('rb', `RB code "${rb}" is not one digit`);
      if (!/^\d{2}$/.test(kreis)) throw fail('kreis', `Kreis code "${kreis}" is not two digits`);
      if (hasVb && !/^\d{4}$/.test(vb)) throw fail('vb', `VB code "${vb}" is not four digits`);
      if (!/^\d{3}$/.test(gem)) throw fail('gem', `Gemeinde code "${gem}" is not three digits`);
      if (!name) throw fail('name', 'municipality name is empty');
      const kreisCode = `${land}${rb}${kreis}`;
      const associationArs = `${kreisCode}${vb}`;
      const plz = text(get(row, 'plz'));
      municipalities.push({
        ags: `${kreisCode}${gem}`,
        ars: `${associationArs}${gem}`,
        name,
        shortName: name.replace(/,.*$/, '').trim(),
        typeCode,
        isTown: TOWN_TYPES.has(typeCode),
        landCode: land,
        landName: lands.get(land) ?? '',
        kreisCode,
        kreisName: kreise.get(kreisCode) ?? '',
        municipalAssociationArs: associationArs,
        municipalAssociationName: associations.get(associationArs) ?? name,
        areaKm2: number(get(row, 'area'), () => fail('area', 'area is not a number')),
        population: number(get(row, 'pop'), () => fail('pop', 'population is not a number')),
        populationMale: number(get(row, 'male'), () => fail('male', 'male population is not a number')),
        populationFemale: number(get(row, 'female'), () => fail('female', 'female population is not a number')),
        postcode: plz === '' ? null : plz.padStart(5, '0'),
        longitude: number(get(row, 'lon'), () => fail('lon', 'longitude is not a number')),
        latitude: number(get(row, 'lat'), () => fail('lat', 'latitude is not a number')),
      });
    }
  }
  if (municipalities.length === 0) throw new DataFileError('no municipality rows (Satzart 60) found', { file, sheet: sheet.name });
  return { stand, sheet: sheet.name, municipalities, skippedUnincorporated };
}

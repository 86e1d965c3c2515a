import { columnLetter, DataFileError } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/**
 * The BBSR Umsteigeschlüssel `ref-gemeinden-ab-2020.xlsx`: one sheet per year (2020, 2021, 2022); each row gives the
 * share of a year-`from` Gemeinde (by area, population and, for 2020 and 2021, employment) that belongs to a
 * year-`to` (= from + 1) Gemeinde, and the from-Gemeinde's area, population and sozialversicherungspflichtig
 * Beschäftigte am Arbeitsort on 30.6. (2020 and 2021 only). Population and employment of 2020/2021 are given in
 * hundreds with one or two decimals; they are converted to persons here (exact to about ten persons).
 */
export interface CrosswalkRow {
  yearFrom: number;
  agsFrom: string;
  nameFrom: string;
  keyArea: number;
  keyPop: number;
  keyEmp: number | null;
  areaKm2: number | null;
  population: number | null;
  /** Sozialversicherungspflichtig Beschäftigte am Arbeitsort on 30.6. of yearFrom (null for 2022). */
  employees: number | null;
  yearTo: number;
  agsTo: string;
  nameTo: string;
}

export const CROSSWALK_FILE = 'ref-gemeinden-ab-2020.xlsx';

/** The file stores areas as binary fractions (30.149999999999995); rounding to six decimals restores the published values. */
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').trim());

interface Columns {
  from: number;
  nameFrom: number;
  keyArea: number;
  keyPop: number;
  keyEmp: number;
  area: number;
  pop: number;
  popHundreds: boolean;
  emp: number;
  empHundreds: boolean;
  to: number;
  nameTo: number;
}

function columns(header: Cell[], year: number, file: string, sheet: string): Columns {
  const h = header.map((c) => text(c).toLowerCase().replace(/- /g, ''));
  const all = (re: RegExp) => h.flatMap((v, i) => (re.test(v) ? [i] : []));
  const gem = all(/^gemeinden \d{2}\.\d{2}\.\d{4}$/);
  const names = all(/^gemeindename \d{4}$/);
  const need = (i: number | undefined, what: string) => {
    if (i === undefined || i < 0) throw new DataFileError(`header column "${what}" not found`, { file, sheet, row: 1 });
    return i;
  };
  const popCol = h.findIndex((v) => /^bevölkerung am/.test(v));
  const empCol = h.findIndex((v) => /beschäftigte am arbeitsort/.test(v));
  const from = need(gem.find((i) => h[i]!.endsWith(String(year))), `Gemeinden 31.12.${year}`);
  return {
    from,
    nameFrom: need(names.find((i) => h[i]!.endsWith(String(year))), `Gemeindename ${year}`),
    keyArea: need(h.findIndex((v) => /^flächenproportionaler/.test(v)), 'flächenproportionaler Umsteigeschlüssel'),
    keyPop: need(h.findIndex((v) => /^bevölkerungs ?proportionaler/.test(v)), 'bevölkerungsproportionaler Umsteigeschlüssel'),
    keyEmp: h.findIndex((v) => /^beschäftigten ?proportionaler/.test(v)),
    area: need(h.findIndex((v) => /^fläche am/.test(v)), `Fläche am 31.12.${year}`),
    pop: need(popCol, `Bevölkerung am 31.12.${year}`),
    popHundreds: /in 100$/.test(h[popCol] ?? ''),
    emp: empCol,
    empHundreds: /in 100$/.test(h[empCol] ?? ''),
    to: need(gem.find((i) => h[i]!.endsWith(String(year + 1))), `Gemeinden 31.12.${year + 1}`),
    nameTo: need(names.find((i) => h[i]!.endsWith(String(year + 1))) ?? names.find((i) => i > from && !h[i]!.endsWith(String(year))), `Gemeindename ${year + 1}`),
  };
}

export function parseCrosswalk(sheets: Sheet[], file: string): CrosswalkRow[] {
  const yearSheets = sheets.filter((s) => /^\d{4}$/.test(s.name.trim()));
  if (yearSheets.length === 0) throw new DataFileError(`sheets named by year (2020, 2021, …) expected (found: ${sheets.map((s) => s.name).join(', ')})`, { file });
  const out: CrosswalkRow[] = [];
  for (const sheet of yearSheets) {
    const year = Number(sheet.name.trim());
    const c = columns(sheet.rows[0] ?? [], year, file, sheet.name);
    for (let r = 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      if (text(row[c.from]) === '') continue;
      const where = (col: number) => ({ file, sheet: sheet.name, row: r + 1, column: columnLetter(col + 1) });
      const ags = (col: number) => {
        const t = text(row[col]);
        if (!/^\d{1,8}$/.test(t)) throw new DataFileError(`AGS "${t}" is not a number of up to 8 digits`, where(col));
        return t.padStart(8, '0');
      };
      const num = (col: number, what: string, optional = false): number | null => {
        const cell = row[col];
        if (cell === null || cell === undefined || text(cell) === '') {
          if (optional) return null;
          throw new DataFileError(`${what} is empty`, where(col));
        }
        const n = typeof cell === 'number' ? cell : Number(text(cell).replace(',', '.'));
        if (!Number.isFinite(n)) throw new DataFileError(`${what} "${text(cell)}" is not a number`, where(col));
        return n;
      };
      const share = (col: number, what: string, optional = false) => {
        const n = num(col, what, optional);
        if (n !== null && (n < 0 || n > 1.000001)) throw new DataFileError(`${what} ${n} is not a share between 0 and 1`, where(col));
        return n;
      };
      const persons = (n: number | null, hundreds: boolean) => (n === null ? null : Math.round(hundreds ? n * 100 : n));
      out.push({
        yearFrom: year,
        agsFrom: ags(c.from),
        nameFrom: text(row[c.nameFrom]),
        keyArea: share(c.keyArea, 'area key')!,
        keyPop: share(c.keyPop, 'population key')!,
        keyEmp: c.keyEmp >= 0 ? share(c.keyEmp, 'employment key', true) : null,
        areaKm2: round2(num(c.area, 'area', true)),
        population: persons(num(c.pop, 'population', true), c.popHundreds),
        employees: c.emp >= 0 ? persons(num(c.emp, 'employees', true), c.empHundreds) : null,
        yearTo: year + 1,
        agsTo: ags(c.to),
        nameTo: text(row[c.nameTo]),
      });
    }
  }
  if (out.length === 0) throw new DataFileError('no data rows', { file });
  return out;
}

/**
 * Carries a year's figures forward to the last year of the crosswalk: a from-Gemeinde's value is split over its
 * successors by the employment key where the file has one, else by the population key (2022 → 2023 has no
 * employment key), and summed per successor. `changed` lists the results that come from a split or a merger, so the
 * UI can say the figure was converted to today's territory.
 */
export function carryForward(rows: CrosswalkRow[], year: number, value: (r: CrosswalkRow) => number | null) {
  const years = [...new Set(rows.map((r) => r.yearFrom))].sort((a, b) => a - b).filter((y) => y >= year);
  let current = new Map<string, number>();
  const changed = new Set<string>();
  for (const r of rows) {
    if (r.yearFrom !== year) continue;
    const v = value(r);
    if (v !== null && !current.has(r.agsFrom)) current.set(r.agsFrom, v);
  }
  for (const y of years) {
    const next = new Map<string, number>();
    const outgoing = new Map<string, number>();
    for (const r of rows) if (r.yearFrom === y) outgoing.set(r.agsFrom, (outgoing.get(r.agsFrom) ?? 0) + 1);
    const incoming = new Map<string, number>();
    for (const r of rows) if (r.yearFrom === y) incoming.set(r.agsTo, (incoming.get(r.agsTo) ?? 0) + 1);
    for (const r of rows) {
      if (r.yearFrom !== y) continue;
      const v = current.get(r.agsFrom);
      if (v === undefined) continue;
      const key = r.keyEmp ?? r.keyPop;
      next.set(r.agsTo, (next.get(r.agsTo) ?? 0) + v * key);
      if (changed.has(r.agsFrom) || (outgoing.get(r.agsFrom) ?? 0) > 1 || (incoming.get(r.agsTo) ?? 0) > 1 || r.agsFrom !== r.agsTo) changed.add(r.agsTo);
    }
    current = next;
  }
  return { values: new Map([...current].map(([k, v]) => [k, Math.round(v)])), changed, lastYear: (years.at(-1) ?? year) + 1 };
}

/** For each Gemeinde of the first year, the Gemeinde of the last year that holds the largest part of its area. */
export function successors(rows: CrosswalkRow[]): Map<string, string> {
  const years = [...new Set(rows.map((r) => r.yearFrom))].sort((a, b) => a - b);
  const best = new Map<number, Map<string, { to: string; share: number }>>();
  for (const r of rows) {
    const m = best.get(r.yearFrom) ?? new Map<string, { to: string; share: number }>();
    best.set(r.yearFrom, m);
    const b = m.get(r.agsFrom);
    if (!b || r.keyArea > b.share) m.set(r.agsFrom, { to: r.agsTo, share: r.keyArea });
  }
  const out = new Map<string, string>();
  for (const ags of best.get(years[0]!)?.keys() ?? []) {
    let at = ags;
    for (const y of years) at = best.get(y)?.get(at)?.to ?? at;
    out.set(ags, at);
  }
  return out;
}

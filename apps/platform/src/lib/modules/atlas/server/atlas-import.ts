import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Db } from '../../../server/db/client.ts';
import { parseBbsrReference, parsePlz4Lage, type Bbsr2015, type Lage } from './bbsr.ts';
import { classify, type Classification } from './classify.ts';
import { defaultDataCandidates, GV_CREDIT, GV_FILE_NAME, GV_LICENCE, writeMunicipalities, type ImportProgress } from './gv-import.ts';
import { parseGvWorkbook, type GvFile } from './gv-parser.ts';
import { DataFileError } from './import-errors.ts';
import { slugify, searchKey } from './names.ts';
import { atlasAgsSuccessors, atlasFacts, atlasIndicators, atlasMunicipalIndicators, atlasPopulation, dataImports } from './schema.ts';
import { buildTimeSeries, type GvYear, type PopulationPoint } from './timeseries.ts';
import { readXlsx } from './xlsx.ts';
import { readXls } from './xls.ts';
import { parseInkar, type InkarFile } from './inkar.ts';
import { carryForward, CROSSWALK_FILE, parseCrosswalk, successors, type CrosswalkRow } from './crosswalk.ts';
import { parseRaumgliederung, RAUMGLIEDERUNG_FILE, type Raumgliederung } from './raumgliederung.ts';

export const BBSR_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';
export const BBSR_CREDIT = 'Laufende Raumbeobachtung des BBSR, © BBSR Bonn 2017';
export const INKAR_CREDIT = 'INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung, Ausgabe 2018, © BBSR Bonn 2018';
export const PLZ4_CREDIT = 'Robert Koch-Institut, GISD (Zuordnung PLZ4 → BBSR-Raumtyp nach Lage), auf Grundlage von Daten des BBSR';
export const PLZ4_LICENCE = 'Apache-2.0 (Repository); Daten: dl-de/by-2-0 (BBSR)';
export const CROSSWALK_CREDIT = 'BBSR, Umsteigeschlüssel Gemeinden ab 2020 (ref-gemeinden-ab-2020), © BBSR Bonn';
export const raumgliederungCredit = (year: number) => `Laufende Raumbeobachtung des BBSR, Raumgliederungen (Referenz ${year}), © BBSR Bonn`;

/** The files of a full atlas import. */
export interface AtlasSources {
  folder: string;
  /** The current municipality list (Gebietsstand of "today"). */
  current: string;
  /** Every yearly GV-ISys file (1990 … today) for the population time series. */
  years: string[];
  reference: string;
  plz4: string;
  /** INKAR 2018 exports (.xls) found in official/inkar2018 (optional). */
  inkar: string[];
  /** BBSR Umsteigeschlüssel ref-gemeinden-ab-2020.xlsx (optional): employment 2020/2021, successors for the map. */
  crosswalk?: string;
  /**
   * BBSR raumgliederungen-referenzen-<year>.xlsx (optional; the newest in official/bbsr, or given by the user): with it
   * the Lage (and the type, where the file has it) are official instead of approximated.
   */
  raumgliederung?: string;
}

/** Finds the atlas files in a data folder (KLEINSTADT_OFFICIAL_DATA or ../shared/data); undefined when incomplete. */
export function locateAtlasSources(dataDir?: string): AtlasSources | undefined {
  for (const folder of dataDir ? [dataDir] : defaultDataCandidates()) {
    const gvDir = join(folder, 'official', 'destatis-gv');
    const current = join(gvDir, GV_FILE_NAME);
    const reference = join(folder, 'official', 'bbsr', 'Referenz_1998_2015.xlsx');
    const plz4 = join(folder, 'official', 'bbsr', 'Zuordnung_PLZ4_BBSR_Raumtyp_final.csv');
    if (!existsSync(current) || !existsSync(reference) || !existsSync(plz4)) continue;
    // Yearly files DDMMYYYY_Auszug_GV.xlsx; the quarterly "AuszugGV4QAktuell" files repeat the last year's population.
    const years = readdirSync(gvDir)
      .filter((f) => /^\d{8}_Auszug_GV\.xlsx$/i.test(f))
      .sort((a, b) => a.slice(4, 8).localeCompare(b.slice(4, 8)))
      .map((f) => join(gvDir, f));
    const inkarDir = join(folder, 'official', 'inkar2018');
    const inkar = existsSync(inkarDir)
      ? readdirSync(inkarDir)
          .filter((f) => /\.xls$/i.test(f))
          .sort()
          .map((f) => join(inkarDir, f))
      : [];
    const bbsrDir = join(folder, 'official', 'bbsr');
    const crosswalk = join(bbsrDir, CROSSWALK_FILE);
    const raumgliederung = readdirSync(bbsrDir)
      .filter((f) => RAUMGLIEDERUNG_FILE.test(f))
      .sort()
      .at(-1);
    return {
      folder,
      current,
      years,
      reference,
      plz4,
      inkar,
      ...(existsSync(crosswalk) ? { crosswalk } : {}),
      ...(raumgliederung ? { raumgliederung: join(bbsrDir, raumgliederung) } : {}),
    };
  }
  return undefined;
}

export interface AtlasImportResult {
  municipalities: number;
  populationRows: number;
  years: number[];
  stand: string;
  seconds: { read: number; write: number };
}

const COMPARE_YEARS = [1990, 2002, 2013] as const;

function pct(from: number | undefined, to: number | null): number | null {
  if (from === undefined || !from || to === null) return null;
  return Math.round(((to - from) / from) * 10_000) / 100;
}

function slugs(current: GvFile['municipalities']): Map<string, string> {
  const base = new Map<string, string[]>();
  for (const m of current) {
    const s = slugify(m.shortName);
    const list = base.get(s);
    if (list) list.push(m.ags);
    else base.set(s, [m.ags]);
  }
  const byAgs = new Map(current.map((m) => [m.ags, m]));
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const [s, list] of base) {
    if (list.length === 1) {
      out.set(list[0]!, s);
      used.add(s);
    }
  }
  for (const [s, list] of base) {
    if (list.length === 1) continue;
    for (const ags of list) {
      // "Neustadt" exists many times: add the Kreis, and the AGS if that is still ambiguous.
      let candidate = `${s}-${slugify(byAgs.get(ags)!.kreisName)}`;
      if (used.has(candidate)) candidate = `${s}-${ags}`;
      used.add(candidate);
      out.set(ags, candidate);
    }
  }
  return out;
}

/** Reads and checks every file first (nothing is written if one of them is damaged). */
export async function readAtlasSources(sources: AtlasSources, progress: ImportProgress = () => {}) {
  const years: GvYear[] = [];
  let current: GvFile | undefined;
  for (const [i, path] of sources.years.entries()) {
    progress(`Reading ${basename(path)} (${i + 1}/${sources.years.length}) …`);
    const parsed = parseGvWorkbook(await readXlsx(path, (n) => /^(onlineprodukt|gemeindedaten)/i.test(n)), basename(path));
    if (parsed.stand === 'unknown') throw new DataFileError('no date (Stand) in the title rows', { file: basename(path), sheet: parsed.sheet });
    years.push({ year: Number(parsed.stand.slice(0, 4)), stichtag: parsed.stand, file: basename(path), municipalities: parsed.municipalities });
    if (path === sources.current) current = parsed;
  }
  if (!current) {
    current = parseGvWorkbook(await readXlsx(sources.current), basename(sources.current));
    years.push({ year: Number(current.stand.slice(0, 4)), stichtag: current.stand, file: basename(sources.current), municipalities: current.municipalities });
  }
  progress(`Reading ${basename(sources.reference)} …`);
  const reference: Bbsr2015 = parseBbsrReference(await readXlsx(sources.reference), basename(sources.reference));
  const plz4: Map<string, Lage> = parsePlz4Lage(await readFile(sources.plz4, 'utf8'), basename(sources.plz4));
  const inkar: (InkarFile & { file: string })[] = [];
  for (const path of sources.inkar) {
    progress(`Reading ${basename(path)} …`);
    inkar.push({ ...parseInkar(await readXls(path), basename(path)), file: basename(path) });
  }
  let crosswalk: CrosswalkRow[] | undefined;
  if (sources.crosswalk) {
    progress(`Reading ${basename(sources.crosswalk)} …`);
    crosswalk = parseCrosswalk(await readXlsx(sources.crosswalk), basename(sources.crosswalk));
  }
  let raumgliederung: (Raumgliederung & { file: string }) | undefined;
  if (sources.raumgliederung) {
    progress(`Reading ${basename(sources.raumgliederung)} …`);
    const file = basename(sources.raumgliederung);
    raumgliederung = { ...parseRaumgliederung(await readXlsx(sources.raumgliederung), file), file };
  }
  return { current, years, reference, plz4, inkar, crosswalk, raumgliederung };
}

/** Employment at the place of work (2020, 2021) carried to today's territory, and the 2020 → today successors. */
function crosswalkFigures(rows: CrosswalkRow[] | undefined, today: Set<string>) {
  if (!rows) return { indicators: [], successorRows: [] };
  const byYear = [2020, 2021].map((year) => ({ year, ...carryForward(rows, year, (r) => r.employees) }));
  const indicators = [...today].flatMap((ags) => {
    const values: Record<string, number> = {};
    let converted = false;
    for (const y of byYear) {
      const v = y.values.get(ags);
      if (v === undefined) continue;
      values[y.year] = v;
      converted ||= y.changed.has(ags);
    }
    return Object.keys(values).length ? [{ ags, indicator: 'beschaeftigte_ao', values, converted }] : [];
  });
  const successorRows = [...successors(rows)].filter(([, to]) => today.has(to)).map(([agsFrom, agsTo]) => ({ agsFrom, agsTo }));
  return { indicators, successorRows };
}

/** Computes everything the atlas stores from the parsed files (pure; used by the importer and the tests). */
export function computeAtlas(input: Awaited<ReturnType<typeof readAtlasSources>>) {
  const { current, years, reference, plz4, raumgliederung } = input;
  const series: PopulationPoint[] = buildTimeSeries(current.municipalities, years);
  const classes: Classification[] = classify(current.municipalities, reference, plz4, raumgliederung);
  const comparable = new Map<string, number>();
  for (const p of series) if (p.sameTerritory) comparable.set(`${p.ags}|${p.year}`, p.population);
  const slugByAgs = slugs(current.municipalities);
  const classByAgs = new Map(classes.map((c) => [c.ags, c]));
  const facts = current.municipalities.map((m) => {
    const c = classByAgs.get(m.ags)!;
    const at = (y: number) => comparable.get(`${m.ags}|${y}`);
    return {
      ags: m.ags,
      slug: slugByAgs.get(m.ags)!,
      searchKey: searchKey(m.shortName),
      typeCode: c.type,
      typeRuleCode: c.typeRule,
      upgradeKept: c.upgradeKept,
      typeOfficial2015: c.typeOfficial2015,
      association2015Code: c.association2015Code,
      largestMemberPopulation: c.largestMemberPopulation,
      lage: c.lage,
      lageSource: c.lageSource,
      population1990: at(COMPARE_YEARS[0]) ?? null,
      population2002: at(COMPARE_YEARS[1]) ?? null,
      population2013: at(COMPARE_YEARS[2]) ?? null,
      change1990: pct(at(1990), m.population),
      change2002: pct(at(2002), m.population),
      change2013: pct(at(2013), m.population),
    };
  });
  const { indicators, successorRows } = crosswalkFigures(input.crosswalk, new Set(current.municipalities.map((m) => m.ags)));
  return { series, facts, indicators, successorRows };
}

/**
 * The full atlas import: the current municipality list, the population time series from every yearly file, the
 * BBSR 2015 types, the Lage approximation and the computed types — all files are read and checked first, then
 * everything is written in one transaction (a damaged file leaves the database unchanged), with provenance.
 */
export async function importAtlas(db: Db, sources: AtlasSources, progress: ImportProgress = () => {}): Promise<AtlasImportResult> {
  const t0 = performance.now();
  const input = await readAtlasSources(sources, progress);
  progress('Following AGS changes, computing types and Lage …');
  const { series, facts, indicators, successorRows } = computeAtlas(input);
  const t1 = performance.now();
  progress(`Writing ${input.current.municipalities.length} municipalities and ${series.length} population figures …`);
  await db.transaction(async (tx) => {
    await writeMunicipalities(tx, input.current, basename(sources.current));
    await tx.delete(atlasPopulation);
    await tx.delete(atlasFacts);
    const batch = 2000;
    for (let i = 0; i < series.length; i += batch) {
      await tx.insert(atlasPopulation).values(series.slice(i, i + batch));
      if ((i / batch) % 10 === 9) progress(`  ${Math.min(i + batch, series.length)} / ${series.length} population figures`);
    }
    for (let i = 0; i < facts.length; i += batch) await tx.insert(atlasFacts).values(facts.slice(i, i + batch));
    await tx.delete(atlasMunicipalIndicators);
    for (let i = 0; i < indicators.length; i += batch) await tx.insert(atlasMunicipalIndicators).values(indicators.slice(i, i + batch));
    await tx.delete(atlasAgsSuccessors);
    for (let i = 0; i < successorRows.length; i += batch) await tx.insert(atlasAgsSuccessors).values(successorRows.slice(i, i + batch));
    if (input.crosswalk && sources.crosswalk) {
      await tx.insert(dataImports).values({
        dataset: 'bbsr-umsteigeschluessel',
        sourceFile: basename(sources.crosswalk),
        stand: '2023-12-31',
        licence: BBSR_LICENCE,
        credit: CROSSWALK_CREDIT,
        rows: input.crosswalk.length,
        details: { employmentYears: [2020, 2021], municipalities: indicators.length, successors: successorRows.length },
      });
    }
    if (input.raumgliederung) {
      await tx.insert(dataImports).values({
        dataset: 'bbsr-raumgliederung',
        sourceFile: input.raumgliederung.file,
        stand: `${input.raumgliederung.year}-12-31`,
        licence: BBSR_LICENCE,
        credit: raumgliederungCredit(input.raumgliederung.year),
        rows: input.raumgliederung.byAgs.size,
        details: { lage: input.raumgliederung.byAgs.size, types: input.raumgliederung.typeByAgs.size },
      });
    }
    await tx.delete(atlasIndicators);
    for (const f of input.inkar) {
      const rows = [...f.values].map(([associationCode, values]) => ({ associationCode, indicator: f.indicator, values }));
      for (let i = 0; i < rows.length; i += batch) await tx.insert(atlasIndicators).values(rows.slice(i, i + batch));
    }
    if (input.inkar.length) {
      await tx.insert(dataImports).values({
        dataset: 'inkar-2018',
        sourceFile: input.inkar.map((f) => f.file).join(', '),
        stand: '2015-12-31',
        licence: BBSR_LICENCE,
        credit: INKAR_CREDIT,
        rows: input.inkar.reduce((n, f) => n + f.values.size, 0),
        details: { indicators: input.inkar.map((f) => ({ indicator: f.indicator, years: f.years })) },
      });
    }
    await tx.insert(dataImports).values([
      {
        dataset: 'destatis-gv-timeseries',
        sourceFile: input.years.map((y) => y.file).join(', '),
        stand: input.current.stand,
        licence: GV_LICENCE,
        credit: GV_CREDIT,
        rows: series.length,
        details: { years: input.years.map((y) => ({ year: y.year, stichtag: y.stichtag, file: y.file, rows: y.municipalities.length })) },
      },
      {
        dataset: 'bbsr-referenz-2015',
        sourceFile: basename(sources.reference),
        stand: input.reference.stand,
        licence: BBSR_LICENCE,
        credit: BBSR_CREDIT,
        rows: input.reference.associations.size,
        details: { municipalities: input.reference.municipalities.length },
      },
      {
        dataset: 'gisd-plz4-lage',
        sourceFile: basename(sources.plz4),
        stand: '2020',
        licence: PLZ4_LICENCE,
        credit: PLZ4_CREDIT,
        rows: input.plz4.size,
        details: { approximation: !input.raumgliederung },
      },
    ]);
  });
  const t2 = performance.now();
  const result: AtlasImportResult = {
    municipalities: input.current.municipalities.length,
    populationRows: series.length,
    years: input.years.map((y) => y.year),
    stand: input.current.stand,
    seconds: { read: Math.round(t1 - t0) / 1000, write: Math.round(t2 - t1) / 1000 },
  };
  progress(`Atlas imported: ${result.municipalities} municipalities, ${result.populationRows} population figures (${result.years.join(', ')}); read ${result.seconds.read} s, write ${result.seconds.write} s.`);
  return result;
}

import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { computeAtlas, importAtlas, locateAtlasSources, readAtlasSources, type AtlasSources } from '../src/lib/modules/atlas/server/atlas-import.ts';
import { parseBbsrReference, parsePlz4Lage, ruleOn2015 } from '../src/lib/modules/atlas/server/bbsr.ts';
import { parseGvWorkbook } from '../src/lib/modules/atlas/server/gv-parser.ts';
import { DataFileError } from '../src/lib/modules/atlas/server/import-errors.ts';
import { normaliseQuery, searchKey, slugify } from '../src/lib/modules/atlas/server/names.ts';
import { atlasFacts, atlasPopulation, dataImports, municipalities } from '../src/lib/modules/atlas/server/schema.ts';
import { readXlsx } from '../src/lib/modules/atlas/server/xlsx.ts';
import { readXls } from '../src/lib/modules/atlas/server/xls.ts';
import { parseInkar } from '../src/lib/modules/atlas/server/inkar.ts';
import { carryForward, successors } from '../src/lib/modules/atlas/server/crosswalk.ts';
import { parseRaumgliederung } from '../src/lib/modules/atlas/server/raumgliederung.ts';
import ExcelJS from 'exceljs';
import { createAtlasService, FilterError, parseListQuery } from '../src/lib/modules/atlas/server/atlas.ts';
import { toCsv } from '../src/lib/modules/atlas/server/export.ts';
import type { App } from '../src/lib/server/app.ts';
import { engines } from './helpers/app.ts';
import { hasSharedData, readCsv, sharedData } from './helpers/shared-data.ts';

const extract = (name: string) => join(sharedData, 'extracts', name);

describe('names', () => {
  it('search keys ignore umlauts and case; slugs are readable', () => {
    expect(searchKey('Großschönau')).toContain(normaliseQuery('grossschoenau'));
    expect(searchKey('Großschönau')).toContain(normaliseQuery('Grossschonau'));
    expect(searchKey('Großschönau')).toContain(normaliseQuery('GROSSSCHÖNAU'));
    expect(slugify('Mücheln (Geiseltal)')).toBe('muecheln-geiseltal');
  });
});

/** A file in the layout of the BBSR `raumgliederungen-referenzen-<year>.xlsx` (row 1 short names, row 2 descriptions). */
async function writeRaumgliederung(path: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Erläuterungen').addRow(['Raumgliederungen des BBSR']);
  const ws = wb.addWorksheet('Gemeindereferenz (inkl. Kreise)');
  ws.addRow(['GEM2022', 'GEM_NAME', 'VWG2022', 'VWG_NAME', 'GTU2022', 'GTU_NAME', 'RLG2022', 'RLG_NAME']);
  ws.addRow(['Gemeinden 2022 Kennziffer', 'Gemeinden 2022 Name', 'Gemeindeverbände', 'Name', 'Stadt- und Gemeindetyp', 'Name', 'Lage', 'Name']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

describe('BBSR raumgliederungen-referenzen reader', () => {
  it('reads the official Lage and type per AGS and names row and column of bad values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-'));
    const path = join(dir, 'raumgliederungen-referenzen-2022.xlsx');
    await writeRaumgliederung(path, [
      [7140064, 'Kastellaun, Stadt', 71405003, 'Kastellaun', 40, 'Kleine Kleinstadt', 4, 'sehr peripher'],
      [5762008, 'Beverungen, Stadt', 57620008, 'Beverungen', 30, 'Größere Kleinstadt', 3, 'peripher'],
    ]);
    const rg = parseRaumgliederung(await readXlsx(path), basename(path));
    expect(rg.year).toBe(2022);
    expect([...rg.byAgs]).toEqual([['07140064', 'sehr_peripher'], ['05762008', 'peripher']]);
    expect([...rg.typeByAgs]).toEqual([['07140064', 40], ['05762008', 30]]);

    await writeRaumgliederung(path, [[7140064, 'Kastellaun, Stadt', 71405003, 'Kastellaun', 40, 'Kleine Kleinstadt', 9, 'irgendwo']]);
    await expect(async () => parseRaumgliederung(await readXlsx(path), basename(path))).rejects.toThrowError(
      'raumgliederungen-referenzen-2022.xlsx, sheet "Gemeindereferenz (inkl. Kreise)", row 3, column H: Lage "irgendwo" is not one of',
    );
    await writeRaumgliederung(path, [[7140064, 'Kastellaun, Stadt', 71405003, 'Kastellaun', 40, 'Kleine Kleinstadt', 4, 'sehr peripher'], ['0714O064', 'X', 1, 'X', 40, 'Kleine Kleinstadt', 4, 'sehr peripher']]);
    await expect(async () => parseRaumgliederung(await readXlsx(path), basename(path))).rejects.toThrowError(/row 4, column A: AGS "0714O064"/);
    await writeRaumgliederung(path, [[7140064, 'Kastellaun, Stadt', 71405003, 'Kastellaun', 'Dorf', 'Dorf', 4, 'sehr peripher']]);
    await expect(async () => parseRaumgliederung(await readXlsx(path), basename(path))).rejects.toThrowError(/row 3, column F: Stadt-\/Gemeindetyp "Dorf"/);
    expect(() => parseRaumgliederung([{ name: 'Tabelle1', rows: [] }], 'x.xlsx')).toThrowError('x.xlsx: sheet "Gemeindereferenz (inkl. Kreise)" expected (found: Tabelle1)');
  });
});

describe.skipIf(!hasSharedData)('atlas importers against the official files in ../shared/data', () => {
  let sources: AtlasSources;
  let input: Awaited<ReturnType<typeof readAtlasSources>>;
  let computed: ReturnType<typeof computeAtlas>;
  beforeAll(async () => {
    sources = locateAtlasSources(sharedData)!;
    input = await readAtlasSources(sources);
    computed = computeAtlas(input);
  });

  it('detects the header rows of every yearly GV-ISys file (1990 … 2023 and 2024 Q4)', async () => {
    expect(input.years.map((y) => y.year)).toEqual([1990, 1994, 1997, 2002, 2005, 2009, 2013, 2017, 2021, 2023]);
    const byYear = Object.fromEntries(input.years.map((y) => [y.year, y]));
    // Beverungen in every year, as printed in the files.
    const beverungen = (y: number) => byYear[y]!.municipalities.find((m) => m.ags === '05762008')!.population;
    expect([1990, 2002, 2009, 2021, 2023].map(beverungen)).toEqual([15_240, 15_404, 14_279, 13_083, 13_277]);
    expect(byYear[1990]!.municipalities.find((m) => m.ags === '05762008')!.areaKm2).toBe(97.8);
    const q4 = parseGvWorkbook(await readXlsx(join(sharedData, 'official/destatis-gv/AuszugGV4QAktuell_2024.xlsx')), 'AuszugGV4QAktuell_2024.xlsx');
    expect(q4.stand).toBe('2024-12-31');
    expect(q4.municipalities).toHaveLength(10_752);
  });

  it('follows AGS changes: the time series equals the extract row for row', () => {
    const csv = readCsv(extract('destatis_gv_population_timeseries_long.csv'));
    expect(computed.series).toHaveLength(csv.length);
    const mine = new Map(computed.series.map((p) => [`${p.ags}|${p.year}`, p]));
    for (const row of csv) {
      const p = mine.get(`${row.ags_2023}|${row.year}`);
      expect(p, `${row.ags_2023} ${row.year}`).toBeDefined();
      expect([p!.population, p!.sourceAgs, p!.matchMethod, p!.sameTerritory ? '1' : '0', p!.stichtag]).toEqual([Number(row.pop_total), row.source_ags, row.match_method, row.same_territory, row.stichtag]);
    }
    // Zensus-2011 break marked; Großschönau was renumbered in the Saxon Kreis reform of 2008.
    expect(mine.get('14626140|2005')).toMatchObject({ matchMethod: 'name+area', sourceAgs: '14286120', basis: 'fortschreibung' });
    expect(mine.get('14626140|2013')?.basis).toBe('zensus2011');
    const comparable1990 = computed.series.filter((p) => p.year === 1990 && p.sameTerritory).length;
    expect(comparable1990).toBe(9_027);
  });

  it('reads the official BBSR 2015 types: 2,111 Kleinstädte (876 größere, 1,235 kleine); the rule agrees for ≥ 99 %', () => {
    const ref = input.reference;
    const byType = new Map<number, number>();
    for (const a of ref.associations.values()) byType.set(a.typeCode, (byType.get(a.typeCode) ?? 0) + 1);
    expect(Object.fromEntries(byType)).toEqual({ 10: 78, 20: 616, 30: 876, 40: 1_235, 50: 1_733 });
    expect((byType.get(30) ?? 0) + (byType.get(40) ?? 0)).toBe(2_111);
    const rule = ruleOn2015(ref);
    const agree = [...ref.associations.values()].filter((a) => rule.get(a.code) === a.typeCode).length;
    expect(agree / ref.associations.size).toBeGreaterThanOrEqual(0.99);
    // Cross-check with the extract, Gemeinde by Gemeinde.
    const csv = readCsv(extract('bbsr_stadt_gemeindetyp_2015_gemeinden.csv'));
    expect(ref.municipalities).toHaveLength(csv.length);
    const byAgs = new Map(ref.municipalities.map((m) => [m.ags, m]));
    for (const row of csv) {
      const m = byAgs.get(row.gem15_ags!)!;
      const a = ref.associations.get(m.associationCode)!;
      expect([m.associationCode, a.ars, String(a.typeCode), m.population]).toEqual([row.gvb15_code, row.gvb15_ars, row.sgtyp_code, Number(row.gem15_pop_2015)]);
    }
  });

  it('computes type and Lage for today’s territory as the derived extract does', () => {
    const csv = readCsv(extract('derived_gemeinden_2023_sgtyp_lage_proxy.csv'));
    const facts = new Map(computed.facts.map((f) => [f.ags, f]));
    let sameType = 0;
    for (const row of csv) {
      const f = facts.get(row.ags!)!;
      if (String(f.typeCode) === row.sgtyp_2023_derived_code) sameType++;
      expect(f.largestMemberPopulation).toBe(Number(row.vb_largest_member_pop_2023));
      expect((f.lage ?? '').replace('_', ' ')).toBe(row.lage_proxy_plz4_vb);
    }
    expect(sameType / csv.length).toBeGreaterThanOrEqual(0.999);
    // Gemeindeverbände by type: 2,135 Kleinstädte today; 1,018 of them peripheral by the PLZ4 approximation.
    const assoc = new Map(input.current.municipalities.map((m) => [m.municipalAssociationArs, facts.get(m.ags)!]));
    const byType: Record<number, number> = {};
    const lage: Record<string, number> = {};
    for (const f of assoc.values()) {
      byType[f.typeCode] = (byType[f.typeCode] ?? 0) + 1;
      if (f.typeCode === 30 || f.typeCode === 40) lage[f.lage ?? 'none'] = (lage[f.lage ?? 'none'] ?? 0) + 1;
    }
    expect(byType).toEqual({ 10: 83, 20: 635, 30: 901, 40: 1_234, 50: 1_536 });
    expect((lage.peripher ?? 0) + (lage.sehr_peripher ?? 0)).toBe(1_018);
  });

  it('has the eight model towns’ official figures', () => {
    const facts = new Map(computed.facts.map((f) => [f.ags, f]));
    const current = new Map(input.current.municipalities.map((m) => [m.ags, m]));
    expect(current.get('05762008')?.population).toBe(13_277);
    expect(current.get('07140064')?.population).toBe(5_759);
    expect(facts.get('05762008')).toMatchObject({ typeCode: 30, typeOfficial2015: 30, lage: 'peripher', population1990: 15_240, population2002: 15_404, slug: 'beverungen' });
    expect(facts.get('07140064')).toMatchObject({ typeCode: 40, typeOfficial2015: 40, lage: 'peripher', association2015Code: '07140903', slug: 'kastellaun' });
    for (const ags of ['16075062', '14626140', '01055028', '15088235', '14523360', '08317146']) {
      expect(facts.get(ags)?.lage).toBe('peripher');
      expect([30, 40]).toContain(facts.get(ags)?.typeCode);
    }
  });

  it('reads the INKAR 2018 .xls exports exactly as the CSV extracts', async () => {
    expect(input.inkar.map((f) => f.indicator).sort()).toEqual(['arbeitslose', 'beschaeftigtenquote', 'einkommensteuer']);
    const extractOf = { beschaeftigtenquote: 'inkar2018_gvb_beschaeftigtenquote.csv', arbeitslose: 'inkar2018_gvb_arbeitslose_je_1000_ew_15_65.csv', einkommensteuer: 'inkar2018_gvb_einkommensteuer_je_ew.csv' };
    for (const f of input.inkar) {
      const csv = readCsv(extract(extractOf[f.indicator]));
      expect(f.values.size).toBe(4_538);
      expect(csv).toHaveLength(4_538);
      for (const row of csv) {
        const mine = f.values.get(row.gvb_kennziffer!)!;
        for (const year of f.years) {
          const v = row[`y${year}`];
          if (v === '' || v === undefined) expect(mine[year]).toBeUndefined();
          else expect(mine[year]).toBeCloseTo(Number(v), 3);
        }
      }
    }
    // Every INKAR Gemeindeverband is a BBSR 2015 Gemeindeverband.
    for (const code of input.inkar[0]!.values.keys()) expect(input.reference.associations.has(code)).toBe(true);
    const sheets = await readXls(sources.inkar[0]!);
    sheets[0]!.rows[5]![7] = 'n/a';
    expect(() => parseInkar(sheets, 'A_Arbeitslosigkeit.xls')).toThrowError('A_Arbeitslosigkeit.xls, sheet "Daten", row 6, column H: value "n/a" is not a number');
  });

  it('reads the BBSR Umsteigeschlüssel as the extract and carries employment to today’s territory', async () => {
    expect(sources.crosswalk).toMatch(/ref-gemeinden-ab-2020\.xlsx$/);
    const rows = input.crosswalk!;
    const csv = readCsv(extract('bbsr_umsteigeschluessel_gemeinden_2020-2023.csv'));
    expect(rows).toHaveLength(csv.length);
    const close = (a: number | null, b: string) => (b === '' ? a === null : Math.abs(a! - Number(b)) <= 1e-4 * Math.max(1, Math.abs(Number(b))));
    csv.forEach((row, i) => {
      const r = rows[i]!;
      expect([r.yearFrom, r.agsFrom, r.yearTo, r.agsTo, r.population, r.employees]).toEqual([
        Number(row.year_from), row.ags_from, Number(row.year_to), row.ags_to, Number(row.pop_from), row.svb_ao_from === '' ? null : Number(row.svb_ao_from),
      ]);
      expect(close(r.keyArea, row.key_area!) && close(r.keyPop, row.key_pop!) && close(r.keyEmp, row.key_emp!) && close(r.areaKm2, row.area_km2_from!)).toBe(true);
    });
    // Unchanged territory: the figure stays; a merger sums its parts (Rodewisch unchanged: 3,439 in 2021).
    const e2021 = carryForward(rows, 2021, (r) => r.employees);
    expect(e2021.values.get('14523360')).toBe(3_439);
    expect(e2021.changed.has('14523360')).toBe(false);
    const merged = [...e2021.changed][0]!;
    const parts = rows.filter((r) => r.yearFrom === 2021 && r.agsTo === merged);
    expect(parts.length).toBeGreaterThan(0);
    // Every employee of 2021 is still counted somewhere in 2023 (shares sum to one).
    const total2021 = rows.filter((r) => r.yearFrom === 2021).reduce((n, r) => n + (r.employees ?? 0) * (r.keyEmp ?? 0), 0);
    const carried = [...e2021.values.values()].reduce((a, b) => a + b, 0);
    expect(Math.abs(carried - total2021) / total2021).toBeLessThan(1e-4);
    const next = successors(rows);
    expect(next.get('14523360')).toBe('14523360');
    expect([...next.values()].every((ags) => /^\d{8}$/.test(ags))).toBe(true);
    const today = new Set(input.current.municipalities.map((m) => m.ags));
    expect(computed.indicators.length).toBeGreaterThan(10_700);
    expect(computed.indicators.every((i) => today.has(i.ags))).toBe(true);
  });

  it('takes the official Lage and type from a supplied raumgliederungen file instead of the approximation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-atlas-'));
    const path = join(dir, 'raumgliederungen-referenzen-2022.xlsx');
    await writeRaumgliederung(path, [[7140064, 'Kastellaun, Stadt', 71405003, 'Kastellaun', 30, 'Größere Kleinstadt', 2, 'zentral']]);
    const official = computeAtlas({ ...input, raumgliederung: { ...parseRaumgliederung(await readXlsx(path), basename(path)), file: basename(path) } });
    const kastellaun = official.facts.find((f) => f.ags === '07140064')!;
    expect(kastellaun).toMatchObject({ lage: 'zentral', lageSource: 'bbsr', typeCode: 30 });
    // Other members of the Verbandsgemeinde follow their largest member; towns not in the file keep the approximation.
    const beverungen = official.facts.find((f) => f.ags === '05762008')!;
    expect(beverungen.lageSource).toBe('plz4');
    expect(computed.facts.find((f) => f.ags === '07140064')).toMatchObject({ lageSource: 'plz4', typeCode: 40 });

    // The data folder with such a file: found and used (its newest year).
    for (const sub of ['official/destatis-gv', 'official/bbsr']) await mkdir(join(dir, sub), { recursive: true });
    const { symlink } = await import('node:fs/promises');
    for (const f of [...sources.years, sources.reference, sources.plz4]) await symlink(f, join(dir, f.includes('destatis-gv') ? 'official/destatis-gv' : 'official/bbsr', basename(f)));
    await copyFile(path, join(dir, 'official/bbsr/raumgliederungen-referenzen-2022.xlsx'));
    await writeFile(join(dir, 'official/bbsr/raumgliederungen-referenzen-2019.xlsx'), 'alt');
    expect(locateAtlasSources(dir)?.raumgliederung).toBe(join(dir, 'official/bbsr/raumgliederungen-referenzen-2022.xlsx'));
    expect(locateAtlasSources(dir)?.crosswalk).toBeUndefined();
  });

  it('names file, sheet, row and column of damaged data', async () => {
    const sheets = await readXlsx(sources.reference);
    const gvb = sheets.find((s) => s.name === 'GVB 2015')!;
    gvb.rows[9]![3] = 'sehr groß';
    expect(() => parseBbsrReference(sheets, 'Referenz_1998_2015.xlsx')).toThrowError('Referenz_1998_2015.xlsx, sheet "GVB 2015", row 10, column D: Stadt-/Gemeindetyp "sehr groß" is not one of 10, 20, 30, 40, 50');
    expect(() => parsePlz4Lage('PLZ4;Raumtyp_Lage_bez\n0106;sehr zentral\n0109;irgendwo\n', 'plz.csv')).toThrowError('plz.csv, row 3, column B: Lage "irgendwo"');
    const old = await readXlsx(sources.years[0]!);
    const data = old.find((s) => s.name === 'Gemeindedaten')!;
    const r = data.rows.findIndex((row) => String(row[0]) === '60');
    data.rows[r]![10] = 'viele';
    expect(() => parseGvWorkbook(old, '31121990_Auszug_GV.xlsx')).toThrowError(`31121990_Auszug_GV.xlsx, sheet "Gemeindedaten", row ${r + 1}, column K: population is not a number`);
  });

  describe.each(engines)('into the database on $name', (engine) => {
    let app: App;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ app, dispose } = await engine.create()));
    afterAll(() => dispose());

    it('is idempotent and transactional, records provenance, and a damaged file leaves the data unchanged', async () => {
      const messages: string[] = [];
      const result = await importAtlas(app.db, sources, (m) => messages.push(m));
      expect(messages.some((m) => m.includes('(10/10)'))).toBe(true);
      expect(result).toMatchObject({ municipalities: 10_773, populationRows: 102_875, stand: '2023-12-31' });
      await importAtlas(app.db, sources);
      const n = async () => {
        const [a] = await app.db.select({ n: count() }).from(atlasPopulation);
        const [b] = await app.db.select({ n: count() }).from(atlasFacts);
        const [c] = await app.db.select({ n: count() }).from(municipalities);
        return [a?.n, b?.n, c?.n];
      };
      expect(await n()).toEqual([102_875, 10_773, 10_773]);
      const [ref] = await app.db.select().from(dataImports).where(eq(dataImports.dataset, 'bbsr-referenz-2015')).limit(1);
      expect(ref).toMatchObject({ sourceFile: 'Referenz_1998_2015.xlsx', stand: '2015-12-31', rows: 4_538 });

      // A copy of the data folder whose 2013 file is damaged: the import fails naming the file, nothing changes.
      const dir = await mkdtemp(join(tmpdir(), 'atlas-'));
      await mkdir(join(dir, 'official/destatis-gv'), { recursive: true });
      await mkdir(join(dir, 'official/bbsr'), { recursive: true });
      for (const f of [...sources.years, sources.reference, sources.plz4]) {
        const target = join(dir, f.includes('destatis-gv') ? 'official/destatis-gv' : 'official/bbsr', basename(f));
        if (basename(f) === '31122013_Auszug_GV.xlsx') await writeFile(target, 'kaputt');
        else await copyFile(f, target);
      }
      await expect(importAtlas(app.db, locateAtlasSources(dir)!)).rejects.toThrowError(/31122013_Auszug_GV\.xlsx: not a readable \.xlsx file/);
      await expect(importAtlas(app.db, locateAtlasSources(dir)!)).rejects.toBeInstanceOf(DataFileError);
      expect(await n()).toEqual([102_875, 10_773, 10_773]);
    }, 300_000); // two full imports; slow on a busy 2-core CI machine

    it('serves overview, filtered list, search, profiles and downloads', async () => {
      const atlas = createAtlasService(app.db);
      const o = await atlas.overview();
      expect(o.headline).toMatchObject({ kleinstaedte: 2_135, groessere: 901, kleine: 1_234, peripheral: 1_018 });
      expect(o.total.population).toBe(84_666_498);
      expect(o.byType.find((t) => t.typeCode === 40)?.associations).toBe(1_234);

      const q = (params: string) => parseListQuery(new URLSearchParams(params));
      expect((await atlas.list(q('q=grossschoenau'))).rows.map((r) => r.name)).toEqual(['Großschönau']);
      expect((await atlas.list(q('q=GROSSSCHÖNAU'))).rows[0]?.ags).toBe('14626140');
      expect((await atlas.list(q('q=05762008'))).rows[0]?.name).toBe('Beverungen');
      const klein = await atlas.list(q('kleinstadt=1&lage=peripher&lage=sehr_peripher&land=16&sort=population&dir=desc&pageSize=5&page=2'));
      expect(klein.rows).toHaveLength(5);
      expect(klein.rows.every((r) => [30, 40].includes(r.typeCode) && r.landCode === '16' && ['peripher', 'sehr_peripher'].includes(r.lage!))).toBe(true);
      const first = await atlas.list(q('kleinstadt=1&lage=peripher&lage=sehr_peripher&land=16&sort=population&dir=desc&pageSize=5'));
      expect(first.rows.at(-1)!.population!).toBeGreaterThanOrEqual(klein.rows[0]!.population!);
      const shrinking = await atlas.list(q('type=40&since=1990&changeMax=-20&popMin=5000&popMax=6000'));
      expect(shrinking.total).toBeGreaterThan(0);
      expect(shrinking.rows.every((r) => r.change! <= -20 && r.population! >= 5_000 && r.population! <= 6_000)).toBe(true);
      expect(() => q('type=99')).toThrowError(FilterError);
      expect(() => q('land=NRW')).toThrowError(/land/);

      const profile = (await atlas.profile('beverungen'))!;
      expect(profile.municipality.population).toBe(13_277);
      expect(profile.series.map((p) => p.year)).toEqual([1990, 1994, 1997, 2002, 2005, 2009, 2013, 2017, 2021, 2023]);
      expect(profile.peers.typeLage.count).toBeGreaterThan(100);
      expect((await atlas.profile('07140064'))?.members.map((m) => m.name)).toContain('Kastellaun');
      expect(await atlas.profile('nirgendwo')).toBeUndefined();

      // The ten most similar towns: never the town itself, sorted by distance, mostly of the same type and Lage.
      expect(profile.similar).toHaveLength(10);
      expect(profile.similar.map((x) => x.ags)).not.toContain('05762008');
      expect(profile.similar.map((x) => x.distance)).toEqual([...profile.similar.map((x) => x.distance)].sort((a, b) => a - b));
      expect(profile.similar.filter((x) => x.typeCode === 30 && x.lage === 'peripher').length).toBeGreaterThanOrEqual(8);

      // The map: VG5000 shapes coloured per Gemeindeverband, under 400 KB compressed; the eight model towns as markers.
      const withMap = createAtlasService(app.db, { dataDir: sharedData });
      const map = (await withMap.map('typ'))!;
      expect(map.counts.reduce((a, b) => a + b, 0) + map.noData).toBe(4_605);
      // The 18 shapes of Gemeindeverbände changed since 2021 follow their members' successors (BBSR Umsteigeschlüssel);
      // the 205 left without data are gemeindefreie Gebiete (forests, lakes, military areas: no municipality).
      expect(map.successorsUsed).toBe(18);
      expect(map.noData).toBe(205);
      expect(map.gzipped.length).toBeLessThan(400 * 1024);
      expect((await withMap.map('entwicklung'))!.counts.every((n) => n > 0)).toBe(true);
      const markers = await withMap.markers(['05762008', '07140064']);
      expect(markers.map((x) => x.name)).toEqual(['Beverungen', 'Kastellaun']);
      expect(markers.every((x) => x.x > 0 && x.x < 600 && x.y > 0 && x.y < 816)).toBe(true);

      const kastellaun = (await atlas.profile('kastellaun'))!;
      expect(kastellaun.indicators.map((i) => i.indicator)).toEqual(['beschaeftigtenquote', 'arbeitslose', 'einkommensteuer']);
      expect(kastellaun.indicators[0]!.own[0]).toMatchObject({ year: 2001 });
      expect(kastellaun.indicators[0]!.peer.length).toBe(15);
      // Employees at the place of work 2020/2021 (BBSR), per 1,000 inhabitants against the same type and Lage.
      const rodewisch = (await atlas.profile('rodewisch'))!;
      expect(rodewisch.employment).toMatchObject({ years: [{ year: 2020, value: 3_370 }, { year: 2021, value: 3_439 }], converted: false, densityYear: 2021 });
      expect(rodewisch.employment!.density).toBeGreaterThan(300);
      expect(rodewisch.employment!.peerDensity).toBeGreaterThan(100);
      const [cw] = await app.db.select().from(dataImports).where(eq(dataImports.dataset, 'bbsr-umsteigeschluessel')).limit(1);
      expect(cw).toMatchObject({ sourceFile: 'ref-gemeinden-ab-2020.xlsx', rows: 32_999 });

      const csv = toCsv((await atlas.list(q('q=kastellaun'))).rows, await atlas.credits());
      expect(csv).toContain('© Statistisches Bundesamt (Destatis), 2024');
      expect(csv).toContain('Laufende Raumbeobachtung des BBSR');
      expect(csv).toMatch(/07140064,Kastellaun,kastellaun,07,Rheinland-Pfalz,Rhein-Hunsrück-Kreis,Kastellaun,40,Kleine Kleinstadt,peripher,plz4,5759,8.41,/);
    });
  });
});

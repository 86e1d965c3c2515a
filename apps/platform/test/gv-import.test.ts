import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { parseGvWorkbook, type GvFile } from '../src/lib/modules/atlas/server/gv-parser.ts';
import { readXlsx, type Sheet } from '../src/lib/modules/atlas/server/xlsx.ts';
import { importMunicipalities } from '../src/lib/modules/atlas/server/gv-import.ts';
import { DataFileError } from '../src/lib/modules/atlas/server/import-errors.ts';
import { municipalities, dataImports } from '../src/lib/modules/atlas/server/schema.ts';
import { modelTowns } from '../src/lib/modules/atlas/server/demo-towns.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { engines } from './helpers/app.ts';
import { gvCsv, gvFile, hasSharedData, readCsv } from './helpers/shared-data.ts';
import type { App } from '../src/lib/server/app.ts';

describe.skipIf(!hasSharedData)('Destatis GV-ISys import (official file in ../shared/data)', () => {
  let sheets: Sheet[];
  let parsed: GvFile;
  beforeAll(async () => {
    sheets = await readXlsx(gvFile);
    parsed = parseGvWorkbook(sheets, '31122023_Auszug_GV.xlsx');
  });

  it('reads every municipality and agrees with the CSV extract field by field', () => {
    const csv = readCsv(gvCsv).filter((r) => r.gemeinde_typ_code !== '65' && r.gemeinde_typ_code !== '66');
    expect(parsed.stand).toBe('2023-12-31');
    expect(parsed.municipalities).toHaveLength(10_773);
    expect(csv).toHaveLength(10_773);
    const byAgs = new Map(parsed.municipalities.map((m) => [m.ags, m]));
    for (const row of csv) {
      const m = byAgs.get(row.ags!);
      expect(m, row.ags).toBeDefined();
      expect([m!.ars, m!.name, m!.landName, m!.kreisName, m!.municipalAssociationArs, m!.municipalAssociationName]).toEqual([row.ars, row.name, row.land_name, row.kreis_name, row.vb_ars, row.vb_name]);
      expect(m!.population).toBe(Number(row.pop_total));
      expect(m!.areaKm2).toBeCloseTo(Number(row.area_km2), 2);
      expect(m!.longitude).toBeCloseTo(Number(row.lon), 5);
      expect(m!.latitude).toBeCloseTo(Number(row.lat), 5);
      expect(m!.isTown).toBe(row.is_stadt === '1');
    }
    // 84,669,326 inhabitants in all; 2,828 of them live in unincorporated areas (gemeindefreie Gebiete), not imported.
    expect(parsed.municipalities.reduce((sum, m) => sum + (m.population ?? 0), 0)).toBe(csv.reduce((sum, r) => sum + Number(r.pop_total), 0));
    expect(parsed.municipalities.reduce((sum, m) => sum + (m.population ?? 0), 0)).toBe(84_666_498);
    expect(parsed.skippedUnincorporated).toBe(208);
  });

  it('has the built-in model towns exactly as in the official file', () => {
    for (const town of modelTowns) {
      const m = parsed.municipalities.find((x) => x.ags === town.ags);
      expect(m?.shortName).toBe(town.name);
      expect(m?.landName).toBe(town.landName);
    }
  });

  it('names file, sheet, row and column of a damaged cell', () => {
    const damaged = structuredClone(sheets);
    const sheet = damaged.find((s) => s.name.startsWith('Onlineprodukt'))!;
    const r = sheet.rows.findIndex((row) => row[0] === '60');
    sheet.rows[r]![9] = 'viele'; // column J: population
    expect(() => parseGvWorkbook(damaged, 'x.xlsx')).toThrowError(`x.xlsx, sheet "${sheet.name}", row ${r + 1}, column J: population is not a number`);
  });

  it('rejects a workbook without the data sheet or header', () => {
    expect(() => parseGvWorkbook([{ name: 'Tabelle1', rows: [['a']] }], 'leer.xlsx')).toThrowError(/leer.xlsx: no sheet named "Onlineprodukt_Gemeinden/);
    expect(() => parseGvWorkbook([{ name: 'Onlineprodukt_Gemeinden', rows: [['nichts']] }], 'kaputt.xlsx')).toThrowError(/header row with "Satz-art" not found/);
  });

  describe.each(engines)('into the database on $name', (engine) => {
    let app: App;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ app, dispose } = await engine.create()));
    afterAll(() => dispose());

    it('is idempotent, records its provenance and leaves the data unchanged when a file is broken', async () => {
      await importMunicipalities(app.db, gvFile);
      await importMunicipalities(app.db, gvFile);
      const [rows] = await app.db.select({ n: count() }).from(municipalities);
      expect(rows?.n).toBe(10_773);
      const [source] = await app.db.select().from(dataImports).limit(1);
      expect(source).toMatchObject({ dataset: 'destatis-gv', stand: '2023-12-31', credit: '© Statistisches Bundesamt (Destatis), 2024' });
      expect((await app.municipalities.find('07140064'))[0]?.shortName).toBe('Kastellaun');
      expect((await app.municipalities.find('kastellaun'))[0]?.ags).toBe('07140064');
      await seedDemoTowns(app.db);
      expect((await app.towns.profile('beverungen')).facts).toMatchObject({ population: 13_277, kreisName: 'Höxter', stand: '2023-12-31' });

      const dir = await mkdtemp(join(tmpdir(), 'gv-'));
      const broken = join(dir, 'broken.xlsx');
      await writeFile(broken, 'this is not a spreadsheet');
      await expect(importMunicipalities(app.db, broken)).rejects.toBeInstanceOf(DataFileError);
      await expect(importMunicipalities(app.db, join(dir, 'missing.xlsx'))).rejects.toThrowError(/missing.xlsx: file not found/);
      const [after] = await app.db.select({ n: count() }).from(municipalities);
      expect(after?.n).toBe(10_773);
    });
  });
});

import { toCsv, type CsvValue } from '../../../server/csv.ts';
import type { ExportFile, PageContext } from '../../processes/server/pages/types.ts';
import type { App } from '../../../server/app.ts';
import type { Component, ProcessContext } from '../../processes/server/service.ts';
import { OPEN_DATA_LICENCE } from './licence.ts';

/** Where a component's open data comes from (town, process, component and its public address). */
export function sourceOf(app: App, ctx: ProcessContext, component: Component) {
  return { town: ctx.town.name, process: ctx.process.title, component: component.title, url: `${app.config.publicOrigin}/t/${ctx.town.slug}/p/${ctx.process.slug}/c/${component.id}` };
}

/**
 * An open-data file of a component: JSON with licence, source and date around the items, or CSV (`;`, for German
 * spreadsheets) whose first lines name the licence, the source and the date.
 */
export function openDataFile(items: Record<string, CsvValue>[], format: 'csv' | 'json', source: { town: string; process: string; component: string; url: string }, filename: string): ExportFile {
  const generatedAt = new Date().toISOString();
  const attribution = `${source.component} – ${source.process}, ${source.town} (${source.url})`;
  if (format === 'json') {
    return { body: JSON.stringify({ licence: { ...OPEN_DATA_LICENCE, attribution }, generatedAt, items }, null, 2), contentType: 'application/json; charset=utf-8', filename: `${filename}.json` };
  }
  const header = items[0] ? Object.keys(items[0]) : ['id'];
  const rows = [header, ...items.map((item) => header.map((h) => item[h]))];
  return { body: toCsv(rows, { comments: [`Lizenz: ${OPEN_DATA_LICENCE.name} (${OPEN_DATA_LICENCE.url})`, `Quelle: ${attribution}`, `Stand: ${generatedAt}`] }), contentType: 'text/csv; charset=utf-8', filename: `${filename}.csv` };
}

/**
 * A component's open-data exports: the same items as CSV and as JSON, guarded by the type's `view` action, served at
 * `<path>.csv` and `<path>.json` (used by every type that publishes items).
 */
export function openDataExports(
  path: string,
  /** Start of the downloaded file's name (the process's slug follows). */
  filename: string,
  label: { de: string; en: string },
  items: (ctx: PageContext) => Promise<Record<string, CsvValue>[]>,
) {
  return (['csv', 'json'] as const).map((format) => ({
    label: { de: `${label.de} (${format.toUpperCase()}, offene Daten)`, en: `${label.en} (${format.toUpperCase()}, open data)` },
    path: `${path}.${format}`,
    format,
    action: 'view' as const,
    openData: true,
    async produce(ctx: PageContext) {
      return openDataFile(await items(ctx), format, sourceOf(ctx.app, ctx.process, ctx.component), `${filename}-${ctx.process.process.slug}`);
    },
  }));
}

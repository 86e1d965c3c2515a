import { toCsv, type CsvValue } from '../../../server/csv.ts';
import type { ExportFile } from '../../processes/server/pages/types.ts';
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

// JSON and CSV exchange formats for CIB models (pure string/object functions, no I/O).
import { CibInputError } from './errors.ts';
import type { ScenarioEvaluation } from './evaluate.ts';
import { compileCib, type CibDescriptor, type CibModel } from './model.ts';

/** The JSON form of a model: `{ "format": "kleinstadt-cib", "version": 1, "descriptors": [...], "matrix": [[...]] }`. */
export interface CibJson {
  format: 'kleinstadt-cib';
  version: 1;
  title?: string;
  descriptors: CibDescriptor[];
  /** Row = impacting variant, column = impacted variant, over all variants in descriptor order. */
  matrix: number[][];
}

/** Converts a model to its JSON form (a plain object; `JSON.stringify` it to write). */
export function toCibJson(model: CibModel): CibJson {
  const out: CibJson = {
    format: 'kleinstadt-cib',
    version: 1,
    descriptors: model.descriptors.map((d) => ({ name: d.name, variants: [...d.variants] })),
    matrix: model.matrix.map((r) => [...r]),
  };
  if (model.title !== undefined) out.title = model.title;
  return out;
}

/**
 * Reads a model from parsed JSON (the `CibJson` form; `format`/`version` may be omitted). Throws `CibInputError`
 * naming the JSON field at fault, and validates the model (integers required unless `allowFractional`).
 */
export function fromCibJson(value: unknown, options: { allowFractional?: boolean } = {}): CibModel {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CibInputError('A CIB model must be a JSON object.', { field: '$' });
  const v = value as Record<string, unknown>;
  if (v.format !== undefined && v.format !== 'kleinstadt-cib') throw new CibInputError(`Unknown format ${JSON.stringify(v.format)}; expected "kleinstadt-cib".`, { field: 'format' });
  if (v.version !== undefined && v.version !== 1) throw new CibInputError(`Unsupported version ${JSON.stringify(v.version)}; expected 1.`, { field: 'version' });
  if (!Array.isArray(v.descriptors)) throw new CibInputError('"descriptors" must be an array.', { field: 'descriptors' });
  const descriptors: CibDescriptor[] = v.descriptors.map((d: unknown, i: number) => {
    const field = `descriptors[${i}]`;
    if (typeof d !== 'object' || d === null) throw new CibInputError(`${field} must be an object with "name" and "variants".`, { field });
    const dd = d as Record<string, unknown>;
    if (typeof dd.name !== 'string') throw new CibInputError(`${field}.name must be a string.`, { field: `${field}.name` });
    if (!Array.isArray(dd.variants) || dd.variants.some((x) => typeof x !== 'string')) {
      throw new CibInputError(`${field}.variants (descriptor "${dd.name}") must be an array of strings.`, { field: `${field}.variants`, descriptor: dd.name });
    }
    return { name: dd.name, variants: [...(dd.variants as string[])] };
  });
  if (!Array.isArray(v.matrix)) throw new CibInputError('"matrix" must be an array of rows.', { field: 'matrix' });
  const model: CibModel = { descriptors, matrix: v.matrix as number[][] };
  if (typeof v.title === 'string') model.title = v.title;
  compileCib(model, { allowFractional: options.allowFractional });
  return model;
}

/** A scenario for display and JSON output: 1-based variants and names. */
export interface ScenarioJson {
  /** 1-based variant numbers, as in ScenarioWizard. */
  variants: number[];
  /** Variant names. */
  labels: string[];
  inconsistency: number;
  totalImpactScore: number;
  consistencyValue: number;
}

/** Converts an evaluated scenario to its display/JSON form (1-based variants with names). */
export function scenarioToJson(model: CibModel, s: ScenarioEvaluation): ScenarioJson {
  return {
    variants: s.variants.map((x) => x + 1),
    labels: s.variants.map((x, d) => model.descriptors[d].variants[x]),
    inconsistency: s.inconsistency,
    totalImpactScore: s.totalImpactScore,
    consistencyValue: s.consistencyValue,
  };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/**
 * Reads a cross-impact matrix from CSV: a header row with an empty first cell and one label per variant, then one
 * row per variant (label, judgements). Without `descriptors`, variants are grouped into descriptors by their label
 * prefix ("A1", "A2" → descriptor "A"). Throws `CibInputError` naming the line and column at fault.
 */
export function parseCibCsv(text: string, options: { descriptors?: CibDescriptor[]; allowFractional?: boolean } = {}): CibModel {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new CibInputError('The CSV file is empty.', { line: 1 });
  const header = splitCsvLine(lines[0]).slice(1);
  const N = header.length;
  if (N === 0) throw new CibInputError('Line 1: the header names no variants.', { line: 1 });
  const matrix: number[][] = [];
  for (let r = 1; r < lines.length; r++) {
    const cells = splitCsvLine(lines[r]);
    if (cells.length - 1 !== N) throw new CibInputError(`Line ${r + 1} (row ${cells[0]}): ${cells.length - 1} values, expected ${N} (the matrix must be square).`, { line: r + 1, row: r });
    if (cells[0] !== header[r - 1]) {
      throw new CibInputError(`Line ${r + 1}: row label ${JSON.stringify(cells[0])} does not match column ${r} (${JSON.stringify(header[r - 1])}).`, { line: r + 1, row: r });
    }
    matrix.push(cells.slice(1).map((s, c) => {
      const x = s === '' ? NaN : Number(s);
      if (!Number.isFinite(x)) throw new CibInputError(`Line ${r + 1} (row ${cells[0]}, column ${header[c]}): ${JSON.stringify(s)} is not a number.`, { line: r + 1, row: r, column: c + 1 });
      return x;
    }));
  }
  if (matrix.length !== N) throw new CibInputError(`The CSV has ${matrix.length} rows but ${N} columns; the matrix must be square.`, { line: lines.length + 1 });
  let descriptors = options.descriptors;
  if (!descriptors) {
    descriptors = [];
    for (const label of header) {
      const prefix = label.replace(/[\s._-]*\d+$/, '') || label;
      const last = descriptors[descriptors.length - 1];
      if (last && last.name === prefix) last.variants.push(label);
      else descriptors.push({ name: prefix, variants: [label] });
    }
  }
  const model: CibModel = { descriptors, matrix };
  compileCib(model, { allowFractional: options.allowFractional });
  return model;
}

/** Writes a model as CSV (header with variant labels "descriptor: variant", one row per variant). */
export function formatCibCsv(model: CibModel): string {
  const labels = model.descriptors.flatMap((d) => d.variants.map((v) => `${d.name}: ${v}`));
  const q = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['', ...labels].map(q).join(',')];
  model.matrix.forEach((row, r) => lines.push([q(labels[r]), ...row.map(String)].join(',')));
  return lines.join('\n') + '\n';
}

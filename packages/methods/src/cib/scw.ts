// ScenarioWizard file formats: `.scw` (model) import/export with a byte-exact round trip, and `.sl` (solution list).
// Pure string functions: reading and writing files is the caller's job.
import { CibInputError, ScwParseError } from './errors.ts';
import { clean } from './evaluate.ts';
import { compileCib, type CibDescriptor, type CibModel, type Scenario } from './model.ts';

/** The parts of a `.scw` file that carry no model data (descriptions, colours, notes), kept verbatim for a round trip. */
export interface ScwLayout {
  /** Variant counts the layout was read for; it is reused on export only if the model still has these counts. */
  sizes: number[];
  /** Lines from the `#` closing the descriptor list up to the matrix (descriptions, colours, separators). */
  beforeMatrix: string[];
  /** Lines after the matrix (notes on descriptors and judgement sections, closing `#` lines). */
  afterMatrix: string[];
  /** Line break used by the file. */
  newline: '\n' | '\r\n';
  /** Whether the file ended with a line break. */
  finalNewline: boolean;
}

/** A parsed `.scw` file. */
export interface ScwDocument {
  /** Version from the first line, e.g. "ScenarioWizard 4.0". */
  version: string;
  /** The model; `model.title` is the file's second line. */
  model: CibModel;
  /** Raw non-model parts for an exact round trip. */
  layout?: ScwLayout;
}

/** Options for `parseScw`. */
export interface ParseScwOptions {
  /** Accept non-integer judgements (default false: reported as an error naming line and column). */
  allowFractional?: boolean;
}

function splitLines(text: string): { lines: string[]; newline: '\n' | '\r\n'; finalNewline: boolean } {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const finalNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, newline, finalNewline };
}

/**
 * Parses the text of a ScenarioWizard `.scw` file. Throws `ScwParseError` naming the 1-based line (and matrix
 * row/column) of anything it cannot read, and `CibInputError` if the model itself is malformed.
 */
export function parseScw(text: string, options: ParseScwOptions = {}): ScwDocument {
  const { lines, newline, finalNewline } = splitLines(text);
  if (lines.length === 0 || !/^\$\s*ScenarioWizard/i.test(lines[0])) {
    throw new ScwParseError(`Line 1: expected "$ ScenarioWizard <version>", got ${JSON.stringify(lines[0] ?? '')}.`, { line: 1 });
  }
  const version = lines[0].replace(/^\$\s*/, '');
  if (lines.length < 2) throw new ScwParseError('Line 2: the title line is missing.', { line: 2 });
  const title = lines[1];
  const descriptors: CibDescriptor[] = [];
  const descriptorLine: number[] = [];
  let i = 2;
  for (; i < lines.length && lines[i] !== '#'; i++) {
    const line = lines[i];
    if (line.startsWith('&')) {
      descriptors.push({ name: line.slice(1), variants: [] });
      descriptorLine.push(i + 1);
    } else if (/^ ?-/.test(line)) {
      if (descriptors.length === 0) throw new ScwParseError(`Line ${i + 1}: variant ${JSON.stringify(line)} before the first descriptor ("&name").`, { line: i + 1 });
      descriptors[descriptors.length - 1].variants.push(line.replace(/^ ?-/, ''));
    } else {
      throw new ScwParseError(`Line ${i + 1}: expected a descriptor ("&name") or a variant (" -name"), got ${JSON.stringify(line)}.`, { line: i + 1 });
    }
  }
  if (i >= lines.length) throw new ScwParseError(`Line ${i + 1}: the file ends inside the descriptor list (no "#" line).`, { line: i + 1 });
  if (descriptors.length === 0) throw new ScwParseError(`Line ${i + 1}: the file declares no descriptors.`, { line: i + 1 });
  descriptors.forEach((d, k) => {
    if (d.variants.length === 0) {
      throw new ScwParseError(`Line ${descriptorLine[k]}: descriptor "${d.name}" has no variants.`, { line: descriptorLine[k], descriptor: d.name });
    }
  });
  const N = descriptors.reduce((s, d) => s + d.variants.length, 0);
  const descEnd = i; // index of the '#' closing the descriptor list
  // Skip the descriptions block (up to the next '#'), then find the first '#'-separated segment holding commas: the matrix.
  i++;
  while (i < lines.length && lines[i] !== '#') i++;
  let matrixStart = -1;
  for (; i < lines.length; i++) {
    if (lines[i] === '#') continue;
    if (lines[i].includes(',')) {
      matrixStart = i;
      break;
    }
  }
  if (matrixStart < 0) throw new ScwParseError(`Line ${lines.length + 1}: no cross-impact matrix found (expected ${N} comma-separated rows).`, { line: lines.length + 1 });
  const matrix: number[][] = [];
  for (let r = 0; r < N; r++) {
    const ln = matrixStart + r;
    const line = lines[ln];
    if (line === undefined || line === '#' || line.startsWith('# ')) {
      throw new ScwParseError(
        `Line ${ln + 1}: the matrix has only ${r} rows, but the descriptors have ${N} variants in total; the variant counts do not add up.`,
        { line: ln + 1, row: r + 1 },
      );
    }
    const cells = line.split(',');
    if (cells.length !== N) {
      throw new ScwParseError(`Line ${ln + 1} (matrix row ${r + 1}): ${cells.length} values, expected ${N} (the matrix must be square).`, { line: ln + 1, row: r + 1 });
    }
    const row = cells.map((cell, c) => {
      const s = cell.trim();
      const v = s === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) {
        throw new ScwParseError(`Line ${ln + 1} (matrix row ${r + 1}, column ${c + 1}): ${JSON.stringify(s)} is not a number.`, { line: ln + 1, row: r + 1, column: c + 1 });
      }
      if (!Number.isInteger(v) && !options.allowFractional) {
        throw new ScwParseError(`Line ${ln + 1} (matrix row ${r + 1}, column ${c + 1}): ${s} is not an integer judgement.`, { line: ln + 1, row: r + 1, column: c + 1 });
      }
      return v;
    });
    matrix.push(row);
  }
  const after = matrixStart + N;
  if (after < lines.length && lines[after].includes(',') && !lines[after].startsWith('#') && !lines[after].startsWith('"')) {
    throw new ScwParseError(`Line ${after + 1}: the matrix has more than ${N} rows; the variant counts do not add up.`, { line: after + 1, row: N + 1 });
  }
  const model: CibModel = { title, descriptors, matrix };
  compileCib(model, { allowFractional: options.allowFractional });
  return {
    version,
    model,
    layout: {
      sizes: descriptors.map((d) => d.variants.length),
      beforeMatrix: lines.slice(descEnd, matrixStart),
      afterMatrix: lines.slice(after),
      newline,
      finalNewline,
    },
  };
}

/** Formats a number as Visual Basic's `Str` does for ScenarioWizard: a leading space for non-negative values. */
function vbStr(x: number): string {
  const v = clean(x);
  const s = String(v);
  return v >= 0 ? ` ${s}` : s;
}

function defaultLayout(model: CibModel): ScwLayout {
  const D = model.descriptors.length;
  const N = model.descriptors.reduce((s, d) => s + d.variants.length, 0);
  const before = ['#'];
  for (const d of model.descriptors) {
    before.push('&');
    for (let v = 0; v < d.variants.length; v++) before.push(' ');
  }
  before.push('#', '#');
  for (let c = 0; c < N; c++) before.push('FFFFFF');
  before.push('#', '#');
  const after = ['#', '# 0-0', '""'];
  for (let d = 0; d < D; d++) after.push('# ', '""');
  for (let d = 0; d < D * D; d++) after.push('#  -> ', '""');
  after.push('#', '#');
  return { sizes: model.descriptors.map((d) => d.variants.length), beforeMatrix: before, afterMatrix: after, newline: '\n', finalNewline: true };
}

/**
 * Writes a model as ScenarioWizard `.scw` text. Given a document from `parseScw` whose descriptor structure is
 * unchanged, the descriptions, colours and notes are written back verbatim, so `formatScw(parseScw(t)) === t`.
 */
export function formatScw(input: ScwDocument | CibModel): string {
  const doc: ScwDocument = 'model' in input ? input : { version: 'ScenarioWizard 4.0', model: input };
  const model = doc.model;
  compileCib(model, { allowFractional: true });
  const sizes = model.descriptors.map((d) => d.variants.length);
  const layout = doc.layout && doc.layout.sizes.length === sizes.length && doc.layout.sizes.every((s, k) => s === sizes[k]) ? doc.layout : defaultLayout(model);
  const lines: string[] = [`$ ${doc.version}`, model.title ?? ''];
  for (const d of model.descriptors) {
    if (d.name.includes('\n')) throw new CibInputError(`Descriptor name ${JSON.stringify(d.name)} contains a line break.`, { descriptor: d.name });
    lines.push(`&${d.name}`);
    for (const v of d.variants) lines.push(` -${v}`);
  }
  lines.push(...layout.beforeMatrix);
  for (const row of model.matrix) lines.push(`${row.map(vbStr).join(' ,')} `);
  lines.push(...layout.afterMatrix);
  return lines.join(layout.newline) + (layout.finalNewline ? layout.newline : '');
}

/** One line of a ScenarioWizard solution list (`.sl`). */
export interface SlEntry {
  /** 0-based variants. */
  variants: number[];
  /** Weight: basin size (full enumeration) or number of Monte-Carlo hits; 0 if not computed. */
  weight: number;
  consistencyValue: number;
  inconsistency: number;
  totalImpactScore: number;
  label: string;
}

/** Formats a number the way ScenarioWizard writes a float32 weight (7 significant digits, "1.677722E+07"). */
export function formatSingle(x: number): string {
  const f = Math.fround(x);
  if (Number.isInteger(f) && Math.abs(f) < 1e7) return String(f);
  const p = f.toPrecision(7);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(p);
  if (!m) return p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p;
  const mant = m[1].includes('.') ? m[1].replace(/0+$/, '').replace(/\.$/, '') : m[1];
  return `${mant}E${m[2]}${m[3].padStart(2, '0')}`;
}

/** Options for `formatSl`. */
export interface FormatSlOptions {
  /** Mimic ScenarioWizard's float32 weight counter, which saturates at 16,777,216 (default false: exact counts). */
  saturateWeights?: boolean;
}

/** Writes a ScenarioWizard solution list (`.sl`): `"<1-based variants>",weight,CV,IC,TIS,"label"` per scenario. */
export function formatSl(entries: readonly SlEntry[], options: FormatSlOptions = {}): string {
  const lines = ['$ ScenarioWizard 3.0', 'Solution set', ` ${entries.length} `, ''];
  for (const e of entries) {
    const w = options.saturateWeights ? Math.min(e.weight, 16777216) : e.weight;
    const weight = options.saturateWeights ? formatSingle(w) : String(clean(w));
    lines.push(`"${e.variants.map((v) => ` ${v + 1}`).join('')}",${weight},${clean(e.consistencyValue)},${clean(e.inconsistency)},${clean(e.totalImpactScore)},"${e.label.replace(/"/g, "'")}"`);
  }
  return lines.join('\n') + '\n';
}

/** Parses a ScenarioWizard solution list (`.sl`). Throws `ScwParseError` naming the line it cannot read. */
export function parseSl(text: string): SlEntry[] {
  const { lines } = splitLines(text);
  if (!/^\$\s*ScenarioWizard/i.test(lines[0] ?? '')) throw new ScwParseError(`Line 1: expected "$ ScenarioWizard <version>", got ${JSON.stringify(lines[0] ?? '')}.`, { line: 1 });
  const count = Number((lines[2] ?? '').trim());
  if (!Number.isInteger(count) || count < 0) throw new ScwParseError(`Line 3: expected the number of scenarios, got ${JSON.stringify(lines[2] ?? '')}.`, { line: 3 });
  const out: SlEntry[] = [];
  for (let i = 3; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const m = /^"([\d\s]*)",([^,]*),([^,]*),([^,]*),([^,]*),"(.*)"\s*$/.exec(line);
    const nums = m ? [m[2], m[3], m[4], m[5]].map((s) => Number(s.trim())) : [];
    if (!m || nums.some((n) => !Number.isFinite(n)) || m[1].trim() === '') {
      throw new ScwParseError(`Line ${i + 1}: expected "<variants>",weight,CV,IC,TIS,"label", got ${JSON.stringify(line)}.`, { line: i + 1 });
    }
    out.push({
      variants: m[1].trim().split(/\s+/).map((v) => Number(v) - 1),
      weight: nums[0],
      consistencyValue: nums[1],
      inconsistency: nums[2],
      totalImpactScore: nums[3],
      label: m[6],
    });
  }
  if (out.length !== count) throw new ScwParseError(`Line 3: the header announces ${count} scenarios, the file lists ${out.length}.`, { line: 3 });
  return out;
}

/** Builds `.sl` entries from evaluated scenarios and optional weights (e.g. basin sizes keyed by scenario). */
export function slEntries(
  scenarios: readonly { variants: Scenario; inconsistency: number; totalImpactScore: number; consistencyValue: number }[],
  weight: (variants: Scenario) => number = () => 0,
): SlEntry[] {
  return scenarios.map((s) => ({
    variants: [...s.variants],
    weight: weight(s.variants),
    consistencyValue: s.consistencyValue,
    inconsistency: s.inconsistency,
    totalImpactScore: s.totalImpactScore,
    label: '',
  }));
}

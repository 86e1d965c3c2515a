/** The one CSV writer of the platform: downloads for spreadsheets (German Excel reads `;`, the atlas API uses `,`). */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell: quoted when it holds the delimiter, a quote, a line break or starts with `#` (comment lines of our
 * files); text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is defused with a leading `'`.
 */
export function csvCell(value: CsvValue, delimiter = ';'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) || text.startsWith('#') ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV with CRLF line ends and a UTF-8 byte order mark (so spreadsheets detect the encoding). `comments` come
 * first as lines starting with `# ` (credit and licence lines).
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: { delimiter?: ',' | ';'; comments?: readonly string[] } = {}): string {
  const delimiter = options.delimiter ?? ';';
  const lines = [...(options.comments ?? []).map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`), ...rows.map((r) => r.map((v) => csvCell(v, delimiter)).join(delimiter))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

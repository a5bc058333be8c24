/**
 * CSV for spreadsheets: RFC 4180 quoting, and text that a spreadsheet could take for a formula defused
 * with an apostrophe so Excel or WPS never runs a property value: a leading = + - @, the full-width
 * ＝ ＋ － ＠ (WPS reads them as formulas under Chinese input), and a leading TAB, CR or LF (Excel
 * skips them and then sees the = behind). Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text; `bom` adds the UTF-8 mark Excel needs to read Chinese correctly. */
export function toCsv(rows: readonly (readonly unknown[])[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\ufeff' : ''}${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * CSV for spreadsheets: RFC 4180 quoting, and a leading = + - @ in text defused with an apostrophe so
 * Excel or WPS never runs a property value as a formula. Numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = typeof value !== 'number' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text; `bom` adds the UTF-8 mark Excel needs to read Chinese correctly. */
export function toCsv(rows: readonly (readonly unknown[])[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\ufeff' : ''}${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

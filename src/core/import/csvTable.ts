/**
 * A CSV file as a table of text cells, in whatever encoding it came (see textEncoding.ts). Parsing,
 * quoting and delimiter detection are papaparse's.
 */
import Papa from 'papaparse';
import type { CsvTable } from './csvPoints';
import { decodeText, type TextEncodingChoice } from './textEncoding';

export function readCsvTable(source: string, bytes: Uint8Array, encoding: TextEncodingChoice = 'auto'): CsvTable {
  const decoded = decodeText(bytes, encoding);
  const parsed = Papa.parse<string[]>(decoded.text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  // Blank or repeated headers still need distinct names to become attributes.
  const seen = new Map<string, number>();
  const columns = header.map((h, i) => {
    const base = h.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
  return { source, columns, rows, encoding: decoded.encoding };
}

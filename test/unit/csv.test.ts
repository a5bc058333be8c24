import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/core/csv';

describe('csv', () => {
  it('quotes separators and quotes, and defuses formulas in text but not negative numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
  });
  it('writes rows, with a BOM when asked', () => {
    expect(toCsv([['id', '名称'], ['k1', '幼儿园']], { bom: true })).toBe('\ufeffid,名称\nk1,幼儿园\n');
  });
});

/**
 * Chinese files arrive in UTF-8 or in GBK (what Excel and ArcGIS on a Chinese Windows write). A byte
 * sequence that is valid UTF-8 is almost never meaningful GBK, so: a BOM decides; otherwise strict
 * UTF-8, and GB18030 (a superset of GBK) when that fails. The browser and Node both ship the decoder.
 */
export type TextEncodingChoice = 'auto' | 'utf-8' | 'gbk';

export interface DecodedText {
  text: string;
  /** What was used: `utf-8` or `gbk`. */
  encoding: 'utf-8' | 'gbk';
}

export function decodeText(bytes: Uint8Array, choice: TextEncodingChoice = 'auto'): DecodedText {
  if (choice === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (choice === 'utf-8' || hasBom) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}

/**
 * A Shapefile's .cpg names its code page (`UTF-8`, `GBK`, `936`, `CP936` …); without one, the
 * .dbf header's language driver byte may (0x4D and 0x7A are code page 936). Null: decide by content.
 */
export function shapefileEncoding(cpg: string | undefined, dbfHeader: Uint8Array | undefined): 'utf-8' | 'gbk' | null {
  const page = cpg?.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (page) {
    if (page === 'utf8' || page === '65001') return 'utf-8';
    if (['gbk', '936', 'cp936', 'gb2312', 'gb18030', 'ansi936', 'windows936'].includes(page)) return 'gbk';
  }
  const driver = dbfHeader?.[29];
  if (driver === 0x4d || driver === 0x7a) return 'gbk';
  return null;
}

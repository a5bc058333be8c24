/**
 * Chinese files arrive in UTF-8 or in GBK (what Excel and ArcGIS on a Chinese Windows write). A BOM
 * decides; bytes that are not valid UTF-8 are GBK (read as GB18030, its superset). Short GBK text can
 * be valid UTF-8 by chance (学校, 小学, 水系 all are) and then reads as Greek, Cyrillic or IPA letters,
 * which no Chinese office writes: when the UTF-8 reading holds such letters and no Chinese, while the
 * GBK reading holds Chinese, GBK wins. The browser and Node both ship the decoders.
 */
export type TextEncodingChoice = 'auto' | 'utf-8' | 'gbk';

export interface DecodedText {
  text: string;
  /** What was used: `utf-8` or `gbk`. */
  encoding: 'utf-8' | 'gbk';
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;
/** IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic: what GBK pairs turn into when read as UTF-8. */
const GBK_AS_UTF8 = /[\u0250-\u07ff]/;

/** Which reading of bytes that are valid UTF-8 yields Chinese: `gbk` only when UTF-8's reading is mojibake. */
function preferChinese(utf8: string, bytes: Uint8Array): DecodedText {
  if (CJK.test(utf8) || !GBK_AS_UTF8.test(utf8)) return { text: utf8, encoding: 'utf-8' };
  const gbk = new TextDecoder('gb18030').decode(bytes);
  return CJK.test(gbk) && !gbk.includes('\ufffd') ? { text: gbk, encoding: 'gbk' } : { text: utf8, encoding: 'utf-8' };
}

export function decodeText(bytes: Uint8Array, choice: TextEncodingChoice = 'auto'): DecodedText {
  if (choice === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (choice === 'utf-8' || hasBom) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return detectEncoding(bytes, bytes);
}

/**
 * Decides on `sample` (the text-bearing bytes: a table's records, all names of a zip) and decodes
 * `bytes` accordingly, so one decision holds for a whole file.
 */
export function detectEncoding(sample: Uint8Array, bytes: Uint8Array = sample): DecodedText {
  let utf8: string;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
  const decided = preferChinese(utf8, sample);
  if (bytes === sample) return decided;
  return { text: new TextDecoder(decided.encoding === 'gbk' ? 'gb18030' : 'utf-8').decode(bytes), encoding: decided.encoding };
}

/**
 * The bytes of a .dbf that carry text: field names and records, without the binary header (its date
 * and counts are not text and would make any file look like GBK).
 */
export function dbfTextBytes(dbf: Uint8Array): Uint8Array {
  if (dbf.length < 32) return dbf;
  const headerLength = dbf[8]! | (dbf[9]! << 8);
  const parts: Uint8Array[] = [];
  for (let at = 32; at + 32 <= Math.min(headerLength, dbf.length) && dbf[at] !== 0x0d; at += 32) parts.push(dbf.subarray(at, at + 11));
  parts.push(dbf.subarray(Math.min(headerLength, dbf.length)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    // Nulls pad field names; a space keeps them apart.
    out.set(p.map((b) => (b === 0 ? 0x20 : b)), k);
    k += p.length;
  }
  return out;
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

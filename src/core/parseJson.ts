/**
 * JSON.parse that forgives one common export bug: bare `NaN` / `Infinity` tokens (Python's
 * json.dump writes them). They become `null`, so only the features holding them are rejected
 * instead of the whole file.
 */
export type ParseResult = { ok: true; value: unknown; repairedNaN: boolean } | { ok: false; detail: string };

export function parseJson(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM from Windows tools
  try {
    return { ok: true, value: JSON.parse(body), repairedNaN: false };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (!/NaN|Infinity/.test(body)) return { ok: false, detail };
    try {
      return { ok: true, value: JSON.parse(replaceNonFiniteTokens(body)), repairedNaN: true };
    } catch {
      return { ok: false, detail };
    }
  }
}

/** Replaces NaN, Infinity and -Infinity outside strings with null. */
function replaceNonFiniteTokens(text: string): string {
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const token = text.startsWith('NaN', i) ? 'NaN' : text.startsWith('-Infinity', i) ? '-Infinity' : text.startsWith('Infinity', i) ? 'Infinity' : null;
    if (token) {
      out += text.slice(start, i) + 'null';
      i += token.length - 1;
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

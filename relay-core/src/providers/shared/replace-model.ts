const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/** The index just past the string whose opening quote is at `start` (valid JSON assumed). */
function skipString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const end = text.indexOf('"', at);
    if (end === -1) return -1;
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === backslash) slashes++;
    // an even number of backslashes escape each other, not the quote
    if (slashes % 2 === 0) return end + 1;
    at = end + 1;
  }
}

/** The index just past the value that starts at or after `start`, at nesting depth 0. */
function skipValue(text: string, start: number): number {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === quote) {
      at = skipString(text, at);
      if (at === -1) return -1;
      if (depth === 0) return at;
      continue;
    }
    if (code === openBrace || code === openBracket) depth++;
    else if (code === closeBrace || code === closeBracket) {
      if (depth === 0) return at;
      depth--;
      if (depth === 0) return at + 1;
    } else if (code === comma && depth === 0) return at;
    at++;
  }
  return at;
}

function skipSpace(text: string, start: number): number {
  let at = start;
  while (at < text.length && text.charCodeAt(at) <= 0x20) at++;
  return at;
}

/**
 * The client's JSON object text with its top-level `model` set to `model`, every other byte as
 * the client wrote it. `text` must be valid JSON (it was parsed). Undefined unless the object has
 * exactly one top-level `model` holding a string: with a duplicate key, parsers disagree on which
 * one counts, so such a body is not sent as it came.
 */
export function replaceModel(text: string, model: string): string | undefined {
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== openBrace) return undefined;
  at = skipSpace(text, at + 1);
  let found: { start: number; end: number } | undefined;
  while (text.charCodeAt(at) === quote) {
    const keyEnd = skipString(text, at);
    if (keyEnd === -1) return undefined;
    const key = text.slice(at + 1, keyEnd - 1);
    at = skipSpace(text, keyEnd);
    if (text.charCodeAt(at) !== colon) return undefined;
    const valueStart = skipSpace(text, at + 1);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd === -1) return undefined;
    // JSON.parse would have decoded an escaped key; such a key is not sent as it came either
    if (key === 'model' || (key.includes('\\') && JSON.parse(`"${key}"`) === 'model')) {
      if (found || text.charCodeAt(valueStart) !== quote) return undefined;
      found = { start: valueStart, end: valueEnd };
    }
    at = skipSpace(text, valueEnd);
    if (text.charCodeAt(at) === comma) at = skipSpace(text, at + 1);
  }
  if (!found || text.charCodeAt(at) !== closeBrace) return undefined;
  return `${text.slice(0, found.start)}${JSON.stringify(model)}${text.slice(found.end)}`;
}
